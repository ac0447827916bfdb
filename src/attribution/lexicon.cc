// Cue lexicons and word classes. Each lexicon line lists the word forms of one lemma (folded:
// lower case, no accents); multi-word cues are written with spaces. Matching is a hash lookup
// of each token's folded form followed by a comparison of the following tokens, so one article
// costs one pass over its tokens whatever the lexicon size.
#include "attribution/lexicon.h"

#include <algorithm>
#include <sstream>
#include <unordered_set>

namespace headwater::attribution {
extern const char* const kEnglishVerbCues[];
extern const size_t kEnglishVerbCuesSize;

namespace {

struct Group {
  const char* forms;  // '|'-separated cues; each cue is space-separated words
  CueKind kind;
  uint8_t langs;
  bool denies = false;
  bool needs_object = false;
};

// English special cues; the plain verb-like cues are in lexicon_en.cc (kEnglishVerbCues).
const Group kGroups[] = {
    {"told|tells|telling|asked|asks|asking|reminded|assured|informed", CueKind::kVerb,
     kLangEn, false, true},
    {"denied|denies|denying|deny|rejected|rejects|rejecting|dismissed|dismisses|dismissing|"
     "refuted|disputed|disputes",
     CueKind::kVerb, kLangEn, true},
    {"according to", CueKind::kAccordingTo, kLangEn},
    {"reportedly|allegedly|purportedly", CueKind::kSourceless, kLangEn},
    {"seemed|seems|seem|appears|appeared|appear|is expected|are expected|was expected|"
     "were expected|is not expected|is widely expected|are widely expected|is likely|"
     "are likely",
     CueKind::kRaising, kLangEn},
    {"citing|cites|cited", CueKind::kVerb, kLangEn},
    {"was asked|were asked|is asked|being asked|when asked|were mentioned|it was reported|it is reported|it has been reported|it was alleged|it is alleged|"
     "it is believed|it was announced|was reported",
     CueKind::kPassive, kLangEn},
    // Spanish: lexicon_es.cc.
    // Portuguese: lexicon_pt.cc.
};

using WordSet = std::unordered_set<std::string_view>;

const WordSignature* SignatureOf(const WordSet& set) {
  auto* sig = new WordSignature;
  for (std::string_view w : set) sig->Add(w);
  return sig;
}

#define HW_WORD_SET(fn, ...)                                    \
  bool fn(std::string_view w) {                                 \
    static const WordSet* kSet = new WordSet{__VA_ARGS__};      \
    static const WordSignature* kSig = SignatureOf(*kSet);      \
    return kSig->MayContain(w) && kSet->count(w) > 0;           \
  }

}  // namespace

uint8_t LangMask(std::string_view lang) {
  if (lang == "en") return kLangEn;
  if (lang == "es") return kLangEs;
  if (lang == "pt") return kLangPt;
  return kLangAll;
}

CueMatcher::CueMatcher() {
  for (const Group& g : kGroups) {
    std::string_view all(g.forms);
    size_t start = 0;
    while (start <= all.size()) {
      size_t bar = all.find('|', start);
      std::string_view cue = all.substr(start, bar == std::string_view::npos ? all.npos : bar - start);
      CueEntry e;
      std::istringstream ss{std::string(cue)};
      for (std::string w; ss >> w;) e.words.push_back(w);
      e.kind = g.kind;
      e.denies = g.denies;
      e.needs_object = g.needs_object;
      e.langs = g.langs;
      if (!e.words.empty()) entries_.push_back(std::move(e));
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
  }
  for (size_t i = 0; i < kEnglishVerbCuesSize; ++i) {
    CueEntry e;
    std::istringstream ss{std::string(kEnglishVerbCues[i])};
    for (std::string w; ss >> w;) e.words.push_back(w);
    if (!e.words.empty()) entries_.push_back(std::move(e));
  }
  AppendSpanishCues(&entries_);
  AppendPortugueseCues(&entries_);
  for (size_t i = 0; i < entries_.size(); ++i) by_first_[entries_[i].words[0]].push_back(i);
  for (auto& [w, v] : by_first_)
    std::stable_sort(v.begin(), v.end(), [&](size_t a, size_t b) {
      return entries_[a].words.size() > entries_[b].words.size();
    });
}

std::vector<CueMatch> CueMatcher::Match(const std::vector<Token>& tokens, uint8_t langs,
                                        std::string_view text) const {
  std::vector<CueMatch> out;
  // The token as written, first letter lower-cased (for accent-sensitive entries).
  auto written_is = [&](const Token& t, const std::string& want) {
    if (text.empty() || t.end > text.size()) return true;
    std::string w(text.substr(t.begin, t.end - t.begin));
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') w[0] = char(w[0] - 'A' + 'a');
    return w == want;
  };
  for (size_t i = 0; i < tokens.size();) {
    auto it = by_first_.find(tokens[i].folded);
    const CueEntry* best = nullptr;
    if (it != by_first_.end()) {
      for (size_t idx : it->second) {
        const CueEntry& e = entries_[idx];
        if (!(e.langs & langs) || i + e.words.size() > tokens.size()) continue;
        if (!e.accented.empty() && !written_is(tokens[i], e.accented)) continue;
        bool ok = true;
        for (size_t k = 1; k < e.words.size() && ok; ++k) ok = tokens[i + k].folded == e.words[k];
        if (ok) {
          best = &e;
          break;
        }
      }
    }
    if (best) {
      out.push_back({i, best->words.size(), best});
      i += best->words.size();
    } else {
      ++i;
    }
  }
  return out;
}

HW_WORD_SET(IsAuxiliary, "has", "have", "had", "also", "was", "were", "is", "are", "will",
            "would", "could", "can", "may", "might", "did", "does", "do", "not", "never",
            "previously", "later", "then", "repeatedly", "publicly", "recently", "already",
            "just", "been", "ha", "han", "tambien", "tem", "tinha", "ja", "tambem")
HW_WORD_SET(IsClauseWord, "that", "which", "who", "whom", "but", "because", "while", "when",
            "as", "if", "since", "after", "before", "so", "though", "although", "where", "than",
            "whether", "what", "how", "why", "que", "quien", "cuando", "pero", "porque", "como",
            "mientras", "quem", "quando", "mas", "enquanto", "y", "e", "pues")
HW_WORD_SET(IsTemporalWord, "last", "this", "next", "on", "in", "earlier", "later", "then",
            "now", "however", "meanwhile", "yesterday", "today", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "week", "month", "year", "morning", "afternoon", "evening",
            "night", "and", "so", "still", "finally", "instead", "publicly", "privately",
            "pasado", "ayer", "hoy", "ontem", "hoje")
HW_WORD_SET(IsOfficialWord, "official", "officials", "government", "governments",
            "administration", "police", "ministry", "department", "agency", "agencies", "fbi",
            "dhs", "cia", "nsa", "pentagon", "white", "authorities", "embassy", "army", "military",
            "spokesman", "spokeswoman", "spokesperson", "u.s", "us", "mexico", "mexican",
            "american", "united", "states", "canada", "brazil", "brasil", "colombia", "venezuela",
            "ministry", "state", "federal", "prosecutors", "court", "congress", "senate",
            "secretaria", "gobierno", "policia", "ministerio", "autoridades", "gobernacion",
            "fiscalia", "ejercito", "governo", "ministerio", "policia", "prefeitura",
            "procuradoria", "funcionarios", "oficiales", "departamento", "empresa", "compania",
            "organizacion", "organismo", "instituto", "asociacion", "comision", "comite",
            "dependencia", "consejo", "universidad", "partido", "federacion", "embajada",
            "consulado", "ayuntamiento", "municipio", "tribunal", "juzgado", "procuraduria",
            "presidencia", "cancilleria", "senado", "camara", "vaticano", "directiva",
            "institucion", "arzobispado", "obispado", "diocesis", "agencia", "gabinete",
            "automotriz", "corte", "sindicato", "coalicion", "iglesia", "aerolinea")
HW_WORD_SET(IsAnonymousWord, "source", "sources", "anonymous", "anonymity", "unnamed",
            "unidentified", "insider", "insiders", "fuente", "fuentes", "anonima", "anonimas",
            "anonimo", "anonimos", "fonte", "fontes", "testigo", "testigos", "allegados",
            "allegado", "anonimato", "informante", "informantes", "cercana", "cercanas",
            "cercano", "cercanos")
HW_WORD_SET(IsDocumentWord, "report", "reports", "statement", "document", "documents", "study",
            "poll", "survey", "data", "memo", "filing", "letter", "records", "analysis",
            "article", "bulletin", "comunicado", "informe", "documentos", "documento", "reporte",
            "estudio", "encuesta", "relatorio", "nota", "pesquisa", "dados", "informacion",
            "informaciones", "datos", "archivos", "conclusiones", "resolucion", "investigacion",
            "cifras", "registros", "tuit", "video", "audio", "encuestas", "reportes", "computo",
            "boletin", "carta", "decreto", "borrador", "dictamen", "publicacion", "articulo",
            "informes", "recomposicion", "reorganizacion", "historia", "chequeo",
            "investigaciones", "estimaciones", "estimacion", "hipotesis", "estadisticas",
            "lista", "escritos", "cartas", "correspondencia", "sondeo", "sondeos",
            "resoluciones", "pagina")
HW_WORD_SET(IsRoleWord, "spokesman", "spokeswoman", "spokesperson", "secretary", "minister",
            "senator", "sen", "rep", "representative", "governor", "gov", "president",
            "director", "chief", "officer", "ambassador", "attorney", "lawyer", "mayor", "adviser",
            "advisor", "aide", "chairman", "chairwoman", "analyst", "professor", "expert",
            "commissioner", "agent", "general", "portavoz", "vocero", "vocera", "ministro",
            "secretario", "diretor", "director", "porta", "voz", "presidente", "gobernador",
            "governador", "senador", "diputado", "deputado", "alcalde", "prefeito", "fiscal",
            "procurador", "candidate", "manager", "campaign", "jefe", "jefa", "obispo",
            "arzobispo", "representante", "representantes", "tecnico", "tecnicos", "experto",
            "expertos", "magistrado", "magistrada", "rector", "coordinador", "coordinadora",
            "titular", "directora", "investigador", "investigadora", "profesor", "profesora",
            "catedratico", "periodista", "abogado", "abogada", "voceros", "portavoces", "papa",
            "pontifice", "dirigente", "lider", "fundador", "fundadora", "gerente",
            "presidenta", "ministra", "diputada", "senadora", "alcaldesa",
            "gobernadora", "prefeita", "ministra", "deputada", "senadora", "governadora",
            "presidente", "diretora", "chefe")
HW_WORD_SET(IsNonFiniteMarker, "to", "a", "an", "the", "this", "their", "its", "these", "those")
HW_WORD_SET(IsMediaWord, "times", "post", "journal", "tribune", "herald", "gazette", "news",
            "press", "diario", "folha", "jornal", "globo", "estadao", "newspaper", "periodico",
            "revista", "magazine", "daily", "reuters", "ap", "afp", "efe", "bloomberg", "cnn",
            "bbc", "npr", "politico", "breitbart", "univision", "televisa", "telemundo", "abc",
            "nbc", "cbs", "msnbc", "fox", "medios", "portal", "prensa", "canal", "televisora",
            "semanario")
HW_WORD_SET(IsMediaNoun, "newspaper", "diario", "periodico", "jornal", "revista", "magazine",
            "daily", "tabloid", "broadcaster", "outlet", "medios", "portal", "prensa", "canal",
            "televisora", "semanario")
HW_WORD_SET(IsPreposition, "in", "on", "at", "to", "during", "after", "before", "with", "for",
            "from", "about", "of", "by", "into", "over", "through", "en", "durante", "con",
            "sobre", "em", "com", "no", "na")
HW_WORD_SET(IsBeForm, "was", "were", "been", "being", "is", "are", "be", "fue", "foi", "fueron", "foram")
bool LooksLikeParticiple(std::string_view w) {
  static const WordSet* kSet = new WordSet{"told", "said", "known", "shown", "seen", "written",
                                           "given", "thought", "heard", "made", "taken",
                                           "brought", "found", "held", "led", "left", "put"};
  return kSet->count(w) > 0 || (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0);
}
HW_WORD_SET(IsRelativePronoun, "who", "which", "quien", "quienes", "quem", "cual")
bool IsAdverb(std::string_view w) {
  static const WordSet* kSet = new WordSet{
      "even", "yet", "eventually", "still", "also", "now", "then", "later", "first", "finally",
      "just", "once", "again", "often", "never", "always", "soon", "ultimately", "instead",
      "simply", "only", "already", "too", "tambien", "tambem", "ya", "ja", "luego", "depois"};
  if (kSet->count(w)) return true;
  return w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0;
}
HW_WORD_SET(IsRomanceDeterminer, "el", "la", "las", "los", "un", "una", "unos", "unas", "su",
            "sus", "este", "esta", "estos", "estas", "dicha", "dicho", "cada", "nuestra",
            "nuestro", "otra", "otro", "mi", "o", "os", "um", "uma", "seu", "sua", "seus", "suas",
            "essa", "esse", "esta")
HW_WORD_SET(IsRomanceClitic, "me", "te", "le", "les", "nos", "os", "se", "lo", "lhe", "lhes")
HW_WORD_SET(IsRomanceNonSubject, "en", "sobre", "ante", "por", "para", "de", "desde", "tras",
            "con", "sin", "hacia", "hasta", "entre", "durante", "mediante", "segun", "a", "al",
            "del", "bajo", "contra", "me", "te", "le", "les", "nos", "se", "lo", "em", "com",
            "sem", "apos")
HW_WORD_SET(IsRomanceLeadWord, "despues", "antes", "luego", "ademas", "asimismo", "aunque",
            "finalmente", "entonces", "incluso", "ahora", "hoy", "ayer", "ya", "no", "ni", "pero",
            "y", "e", "u", "que", "como", "cuando", "si", "asi", "solo", "mas", "tambien",
            "apenas", "aun", "mientras", "pues", "depois", "porem", "tambem", "ja", "nao",
            "todavia", "igualmente", "anoche", "manana", "tarde", "recien")
HW_WORD_SET(IsPronoun, "he", "she", "they", "i", "we", "it", "you", "el", "ella", "ellos",
            "ele", "eles", "elas")

}  // namespace headwater::attribution
