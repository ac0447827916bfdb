// Portuguese cue lexicon, generated from lemmas like the Spanish one (lexicon_es.cc): each
// speech verb contributes its third-person present and preterite forms (singular and plural)
// and its gerund, all folded; "segundo X", "de acordo com X", "conforme X" and "segundo
// informou X" credit a source after the cue; "foi noticiado", "supostamente" have none; "negou",
// "desmentiu", "rejeitou" (and the passive "foi desmentido por X") deny. Written by hand for
// issue 6 (there is no Portuguese corpus among the shared data); the forms are checked by the
// sentences of tests/attribution/romance_sentences_test.cc.
#include <string>
#include <vector>

#include "attribution/lexicon.h"
#include "common/text.h"

namespace headwater::attribution {
namespace {

struct Verb {
  // Present 3sg, present 3pl, preterite 3sg, preterite 3pl, gerund; "" = none. Written with
  // accents; folded when indexed.
  const char* forms[5];
  bool denies = false;
};

// Present forms that are common nouns ("conta", "nota", "relata"?) are left out.
const Verb kVerbs[] = {
    {{"diz", "dizem", "disse", "disseram", "dizendo"}},
    {{"afirma", "afirmam", "afirmou", "afirmaram", "afirmando"}},
    {{"declara", "declaram", "declarou", "declararam", "declarando"}},
    {{"informa", "informam", "informou", "informaram", "informando"}},
    {{"explica", "explicam", "explicou", "explicaram", "explicando"}},
    {{"acrescenta", "acrescentam", "acrescentou", "acrescentaram", "acrescentando"}},
    {{"", "", "relatou", "relataram", "relatando"}},
    {{"", "", "publicou", "publicaram", ""}},
    {{"", "", "noticiou", "noticiaram", ""}},
    {{"anuncia", "anunciam", "anunciou", "anunciaram", "anunciando"}},
    {{"revela", "revelam", "revelou", "revelaram", "revelando"}},
    {{"confirma", "confirmam", "confirmou", "confirmaram", "confirmando"}},
    {{"garante", "garantem", "garantiu", "garantiram", "garantindo"}},
    {{"", "", "contou", "contaram", ""}},
    {{"ressalta", "ressaltam", "ressaltou", "ressaltaram", "ressaltando"}},
    {{"destaca", "destacam", "destacou", "destacaram", "destacando"}},
    {{"admite", "admitem", "admitiu", "admitiram", "admitindo"}},
    {{"reconhece", "reconhecem", "reconheceu", "reconheceram", "reconhecendo"}},
    {{"denuncia", "denunciam", "denunciou", "denunciaram", "denunciando"}},
    {{"alerta", "alertam", "alertou", "alertaram", "alertando"}},
    {{"assegura", "asseguram", "assegurou", "asseguraram", "assegurando"}},
    {{"salienta", "salientam", "salientou", "salientaram", "salientando"}},
    {{"sublinha", "sublinham", "sublinhou", "sublinharam", "sublinhando"}},
    {{"", "", "frisou", "frisaram", "frisando"}},
    {{"", "", "observou", "observaram", ""}},
    {{"", "", "lembrou", "lembraram", "lembrando"}},
    {{"", "", "comentou", "comentaram", ""}},
    {{"", "", "criticou", "criticaram", ""}},
    {{"", "", "divulgou", "divulgaram", ""}},
    {{"", "", "reportou", "reportaram", ""}},
    {{"", "", "escreveu", "escreveram", ""}},
    {{"", "", "respondeu", "responderam", ""}},
    {{"", "", "acusou", "acusaram", "acusando"}},
    {{"", "", "argumentou", "argumentaram", "argumentando"}},
    {{"", "", "avisou", "avisaram", ""}},
    {{"", "", "indicou", "indicaram", ""}},
    {{"", "", "apontou", "apontaram", ""}},
    {{"", "", "esclareceu", "esclareceram", ""}},
    {{"", "", "concluiu", "concluíram", ""}},
    {{"nega", "negam", "negou", "negaram", "negando"}, true},
    {{"desmente", "desmentem", "desmentiu", "desmentiram", "desmentindo"}, true},
    {{"rejeita", "rejeitam", "rejeitou", "rejeitaram", "rejeitando"}, true},
};

struct Phrase {
  const char* words;
  CueKind kind;
};
const Phrase kPhrases[] = {
    {"segundo", CueKind::kAccordingTo},
    {"de acordo com", CueKind::kAccordingTo},
    {"conforme", CueKind::kAccordingTo},
    {"segundo informou", CueKind::kAccordingTo},
    {"segundo informaram", CueKind::kAccordingTo},
    {"segundo noticiou", CueKind::kAccordingTo},
    {"segundo publicou", CueKind::kAccordingTo},
    {"segundo disse", CueKind::kAccordingTo},
    {"conforme informou", CueKind::kAccordingTo},
    {"foi informado", CueKind::kPassive},
    {"foi noticiado", CueKind::kPassive},
    {"foi divulgado", CueKind::kPassive},
    {"foi anunciado", CueKind::kPassive},
    {"supostamente", CueKind::kPassive},
    {"alegadamente", CueKind::kPassive},
};

// Perfect auxiliaries before a participle: "tem dito", "havia afirmado".
const char* const kParticiples[] = {"dito",     "afirmado",   "declarado", "informado", "anunciado",
                                    "revelado", "confirmado", "negado",    "desmentido"};

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) out.push_back(t.folded);
  return out;
}

}  // namespace

void AppendPortugueseCues(std::vector<CueEntry>* out) {
  auto add = [&](std::vector<std::string> words, CueKind kind, bool denies) {
    if (words.empty()) return;
    CueEntry e;
    e.words = std::move(words);
    e.kind = kind;
    e.denies = denies;
    e.langs = kLangPt;
    out->push_back(std::move(e));
  };
  for (const Verb& v : kVerbs)
    for (const char* form : v.forms)
      if (*form) add(Words(form), CueKind::kVerb, v.denies);
  for (const Phrase& p : kPhrases) add(Words(p.words), p.kind, false);
  for (const char* part : kParticiples) {
    const bool denies =
        std::string_view(part) == "negado" || std::string_view(part) == "desmentido";
    for (const char* aux : {"tem", "têm", "tinha", "havia"}) {
      std::vector<std::string> w = Words(aux);
      w.push_back(Fold(part));
      add(std::move(w), CueKind::kVerb, denies);
    }
  }
  // Passive denials: "foi desmentido por X", "foram negadas por X".
  for (const char* stem : {"negad", "desmentid", "rejeitad"})
    for (const char* aux : {"foi", "foram"})
      for (const char* end : {"o", "a", "os", "as"}) {
        std::vector<std::string> w = Words(aux);
        w.push_back(std::string(stem) + end);
        add(std::move(w), CueKind::kPassive, true);
      }
}

}  // namespace headwater::attribution
