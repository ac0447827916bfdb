// Spanish and Portuguese attribution on sentences written for these tests (no corpus text):
// each names the cue the extractor must find and the source, content, kind and stance it must
// give. The Portuguese lexicon (lexicon_pt.cc) has no corpus to be measured on, so these
// sentences are its check; the Spanish ones pin the rules tuned on the spanish-news sets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "attribution/extractor.h"

namespace headwater::attribution {
namespace {

struct Case {
  const char* lang;
  const char* text;
  const char* cue;      // cue_text of the attribution to check
  const char* source;   // its source_text ("" = sourceless)
  const char* content;  // a part of its content_text
  SourceKind kind;
  Stance stance;
};

const Case kCases[] = {
    // Spanish.
    {"es", "Según informó el diario El Norte, la presa se desbordó el lunes.", "Según informó",
     "el diario El Norte", "la presa se desbordó el lunes", SourceKind::kOutlet, Stance::kAsserts},
    {"es", "De acuerdo con fuentes anónimas, el alcalde renunciará esta semana.", "De acuerdo con",
     "fuentes anónimas", "el alcalde renunciará", SourceKind::kAnonymous, Stance::kAsserts},
    {"es", "El vocero de la alcaldía negó que hubiera despidos.", "negó",
     "El vocero de la alcaldía", "hubiera despidos", SourceKind::kPerson, Stance::kDenies},
    {"es", "La Secretaría de Salud desmintió la versión sobre el brote.", "desmintió",
     "La Secretaría de Salud", "la versión sobre el brote", SourceKind::kOfficial, Stance::kDenies},
    {"es", "El sindicato rechazó las acusaciones de fraude.", "rechazó", "El sindicato",
     "las acusaciones de fraude", SourceKind::kOfficial, Stance::kDenies},
    {"es", "«No habrá más aumentos», dijo la ministra.", "dijo", "la ministra",
     "No habrá más aumentos", SourceKind::kPerson, Stance::kAsserts},
    {"es", "Ayer se informó que el puente permanecerá cerrado.", "se informó", "",
     "el puente permanecerá cerrado", SourceKind::kNone, Stance::kAsserts},
    {"es", "El puente seguirá cerrado hasta el viernes, informó la Secretaría de Obras.", "informó",
     "la Secretaría de Obras", "El puente seguirá cerrado", SourceKind::kOfficial,
     Stance::kAsserts},
    {"es", "Anunció el gobernador que no buscará la reelección.", "Anunció", "el gobernador",
     "no buscará la reelección", SourceKind::kPerson, Stance::kAsserts},
    {"es", "La alcaldesa les dijo a los vecinos que el agua volverá mañana.", "dijo",
     "La alcaldesa", "el agua volverá mañana", SourceKind::kPerson, Stance::kAsserts},
    {"es", "Llegó el director, que aseguró que no hubo heridos.", "aseguró", "que",
     "no hubo heridos", SourceKind::kPerson, Stance::kAsserts},
    {"es", "El rumor fue desmentido por la policía municipal.", "fue desmentido",
     "la policía municipal", "El rumor", SourceKind::kOfficial, Stance::kDenies},
    {"es", "Un vecino explicaba que el incendio empezó en la cocina.", "explicaba", "Un vecino",
     "el incendio empezó en la cocina", SourceKind::kPerson, Stance::kAsserts},
    {"es", "La empresa se defendió diciendo que los envíos salieron a tiempo.", "diciendo",
     "La empresa", "los envíos salieron a tiempo", SourceKind::kOfficial, Stance::kAsserts},
    // Portuguese.
    {"pt", "Segundo a Folha, o ministro deixará o cargo na próxima semana.", "Segundo", "a Folha",
     "o ministro deixará o cargo", SourceKind::kOutlet, Stance::kAsserts},
    {"pt", "Segundo informou o Estadão, a polícia prendeu dois suspeitos.", "Segundo informou",
     "o Estadão", "a polícia prendeu dois suspeitos", SourceKind::kOutlet, Stance::kAsserts},
    {"pt", "O governo negou que tenha havido fraude nas eleições.", "negou", "O governo",
     "tenha havido fraude nas eleições", SourceKind::kOfficial, Stance::kDenies},
    {"pt", "A prefeita disse que a obra será concluída em março.", "disse", "A prefeita",
     "a obra será concluída em março", SourceKind::kPerson, Stance::kAsserts},
    {"pt", "De acordo com fontes do Planalto, o presidente vai vetar o projeto.", "De acordo com",
     "fontes do Planalto", "o presidente vai vetar o projeto", SourceKind::kAnonymous,
     Stance::kAsserts},
    {"pt", "\"Não houve nenhum acordo\", afirmou o porta-voz da empresa.", "afirmou",
     "o porta-voz da empresa", "Não houve nenhum acordo", SourceKind::kPerson, Stance::kAsserts},
    {"pt", "O ministério desmentiu a informação publicada pelo jornal.", "desmentiu",
     "O ministério", "a informação publicada pelo jornal", SourceKind::kOfficial, Stance::kDenies},
    {"pt", "A notícia foi desmentida pela assessoria do governador.", "foi desmentida",
     "assessoria do governador", "A notícia", SourceKind::kPerson, Stance::kDenies},
    {"pt", "Foi noticiado que o navio chegou ao porto.", "Foi noticiado", "",
     "o navio chegou ao porto", SourceKind::kNone, Stance::kAsserts},
    {"pt", "O treinador rejeitou as críticas da torcida.", "rejeitou", "O treinador",
     "as críticas da torcida", SourceKind::kPerson, Stance::kDenies},
};

TEST(RomanceSentences, CueSourceContentKindStance) {
  Extractor ex;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    Context ctx;
    ctx.lang = c.lang;
    std::vector<Attribution> got = ex.Extract(c.text, ctx);
    const Attribution* a = nullptr;
    for (const Attribution& x : got)
      if (x.cue_text == c.cue) a = &x;
    ASSERT_NE(a, nullptr) << "no attribution with cue [" << c.cue << "] among " << got.size();
    EXPECT_EQ(a->source_text, c.source);
    EXPECT_NE(a->content_text.find(c.content), std::string::npos) << a->content_text;
    EXPECT_EQ(SourceKindName(a->source_kind), SourceKindName(c.kind)) << a->source_text;
    EXPECT_EQ(a->stance, c.stance);
  }
}

// Words that look like cues but attribute nothing here.
TEST(RomanceSentences, NoAttribution) {
  Extractor ex;
  const std::pair<const char*, const char*> kNone[] = {
      {"es", "La empresa publicó una foto del nuevo edificio."},
      {"es", "Los precios varían según la temporada."},
      {"es", "Lo que empezó según parece como una broma terminó mal."},
      {"es", "Los comercios cuentan con estacionamiento gratuito."},
      {"es", "Sobre el origen del fuego no se dice nada en el documento."},
      {"es", "La ceremonia concluyó dos horas después."},
      {"pt", "Ele ficou em segundo lugar na corrida."},
  };
  for (const auto& [lang, text] : kNone) {
    Context ctx;
    ctx.lang = lang;
    std::vector<Attribution> got = ex.Extract(text, ctx);
    EXPECT_TRUE(got.empty()) << text << " -> [" << (got.empty() ? "" : got[0].cue_text) << "]";
  }
}

}  // namespace
}  // namespace headwater::attribution
