// Places mentioned in an article: gazetteer names found in the text, resolved among namesakes by
// context, merged per place with mention counts; and the article's primary country.
//
// Steps of FindPlaces (places.cc explains each):
//  1. Tokenize; find longest gazetteer names (up to Gazetteer::max_name_words words) written with
//     a capital, plus demonyms ("Mexican") and upper-case short forms ("U.S.", "USA").
//     Names of world regions, seas and institutions that namesake towns share ("Middle East" is
//     also a Baltimore neighbourhood, "White House" a town in Tennessee) are read as what they
//     usually mean: not places (PlaceOptions::not_places), and their words match nothing else.
//  2. Drop city readings that look like common words: a name also written in lower case in the
//     same text ("police" ... "Police"), a one-word name whose every use opens a sentence, a
//     one-word name shorter than min_city_name_chars, a little-known one-word name glued to other
//     capitalised words ("Bob Hope"), a little-known city with no support from context.
//  3. Resolve each name among its candidates by score: prominence, plus support from unambiguous
//     places of the same text (same country, same region, within near_km), the dateline and the
//     outlet's country. Two rounds, so resolved names support the rest. A city below
//     min_standalone_city_prominence needs some context ("Río Grande", a Puerto Rican seat, is
//     not the river in a story about the US-Mexico border).
//  4. Merge per resolved place, counting mentions.
// Thread-safety: pure functions over a const Gazetteer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "normalize/gazetteer.h"

namespace headwater::normalize {

struct PlaceOptions {
  // One-word city names shorter than this (in code points) are ignored ("Of", "Ely").
  size_t min_city_name_chars = 4;
  // A demonym ("Mexican", "mexicanos") counts as a mention of its country.
  bool count_demonyms = true;
  // Upper-case short forms ("U.S.", "USA", "UK") count as mentions of their country.
  bool count_short_forms = true;
  // Cities of prominence below this are "little known": they count only with a neighbour (a
  // place of the text or the dateline in the same region or within near_km), and only the
  // neighbours add to their score. Regions count with any support (also the country named in
  // the text, the dateline's or the outlet's country); countries always count.
  int min_unsupported_city_prominence = 2;
  // A city of lower prominence than this counts only with some context (any of the weights
  // below applies): a regional seat of a country the text otherwise never points to ("Río
  // Grande", Puerto Rico, for the river) is a namesake, not the place meant.
  int min_standalone_city_prominence = 3;
  // Scoring weights (all >= 0); a candidate's score is the sum of those that apply.
  double weight_prominence = 1.0;      // times prominence 0..3
  double weight_same_country = 2.0;    // country of an unambiguous place in the text
  double weight_same_region = 2.0;     // admin1 of an unambiguous place in the text
  double weight_near = 2.5;            // within near_km of an unambiguous place
  double weight_dateline = 1.5;        // the dateline's country
  double weight_outlet_country = 1.5;  // the outlet's country
  double near_km = 200;
  // Primary country: the dateline's country adds this many mentions.
  int dateline_weight = 3;
  // Names that are not places in news text although a gazetteer entry shares them: world
  // regions, seas, nicknames of institutions. Written folded (lower case, no accents, one space
  // between words); a match consumes its words, so "Middle East" is not read as "East" either.
  std::vector<std::string> not_places = {
      "middle east", "far east",       "near east",    "mideast",
      "asia",        "pacific",        "atlantic",     "mediterranean",
      "caribbean",   "balkans",        "sahel",        "levant",
      "maghreb",     "iberia",         "midwest",      "west coast",
      "east coast",  "gulf coast",     "highlands",    "white house",
      "golden gate", "horn of africa", "persian gulf", "arabian peninsula",
      "indochina"};
};

// Places mentioned in text, most mentioned first (ties: first mentioned first). outlet_country is
// the alpha-2 code of the publishing outlet ("" when unknown); dateline is used for context when
// non-null (pass the result of ParseDateline). name is the gazetteer name, admin1 the region's
// name ("Chihuahua"; "" for countries), lat/lon the entry's coordinates.
std::vector<PlaceMention> FindPlaces(std::string_view text, const Gazetteer& g,
                                     std::string_view outlet_country, const PlaceOptions& o = {},
                                     const Dateline* dateline = nullptr);

// The article's or story's primary country: the country with most mentions over places, the
// dateline's country adding PlaceOptions::dateline_weight; ties go to the dateline's country,
// then to the first listed. "" when there are no places and no dateline country.
std::string PrimaryCountry(const std::vector<PlaceMention>& places, const Dateline* dateline,
                           const PlaceOptions& o = {});

}  // namespace headwater::normalize
