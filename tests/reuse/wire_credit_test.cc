#include "reuse/wire_credit.h"

#include <gtest/gtest.h>

namespace headwater::reuse {
namespace {

TEST(WireCreditTest, Datelines) {
  EXPECT_EQ(WireCredit("HELSINKI (AP) — President Donald Trump and Putin met.", ""), "AP");
  EXPECT_EQ(WireCredit("CIUDAD JUÁREZ, Mexico (AP) — Officials denied it.", ""), "AP");
  EXPECT_EQ(WireCredit("MOSCOW (Reuters) - The Kremlin said.", ""), "Reuters");
  EXPECT_EQ(WireCredit("PARIS (AFP) - Le président a dit.", ""), "AFP");
  EXPECT_EQ(WireCredit("MADRID, 16 jul (EFE).- El presidente dijo.", ""), "EFE");
  EXPECT_EQ(WireCredit("WASHINGTON, July 16 (UPI) -- The president said.", ""), "UPI");
  EXPECT_EQ(WireCredit("Ciudad de México, 16 de julio (Notimex).- El gobierno negó.", ""),
            "Notimex");
  EXPECT_EQ(WireCredit("MADRID, 16 (EUROPA PRESS) El Gobierno ha negado.", ""), "Europa Press");
  EXPECT_EQ(WireCredit("Brasília - O governo negou, informou a Agência Brasil.", ""),
            "Agência Brasil");
  EXPECT_EQ(WireCredit("(Bloomberg) -- Treasuries rose on Monday.", ""), "Bloomberg");
}

TEST(WireCreditTest, NamesAndBylines) {
  EXPECT_EQ(WireCredit("By The Associated Press\nHELSINKI — Trump met Putin.", ""), "AP");
  EXPECT_EQ(WireCredit("Trump plays golf\nBy Reuters\nJuly 15, 2018", ""), "Reuters");
  EXPECT_EQ(WireCredit("PARIS — Agence France-Presse reports that...", ""), "AFP");
  EXPECT_EQ(WireCredit("Some text without a credit in the dateline.", "AP"), "AP");
  EXPECT_EQ(WireCredit("Some text.", "Jill Colvin, Associated Press"), "AP");
  EXPECT_EQ(WireCredit("Some text.", "REUTERS"), "Reuters");
  // The byline wins over the text; in one field, the earliest credit wins.
  EXPECT_EQ(WireCredit("HELSINKI (AP) — ...", "By Reuters staff"), "Reuters");
  EXPECT_EQ(WireCredit("MOSCOW (Reuters) — citing AFP and the Associated Press.", ""), "Reuters");
}

TEST(WireCreditTest, Negatives) {
  EXPECT_EQ(WireCredit("", ""), "");
  EXPECT_EQ(WireCredit("The apparatus was a rapid response to the apps.", ""), "");
  EXPECT_EQ(WireCredit("An AP exam and the ap of a map.", ""), "");  // bare AP in text
  EXPECT_EQ(WireCredit("Afpelsin, upinder and efecto are words.", ""), "");
  EXPECT_EQ(WireCredit("Europa pressed on; the press in Europa.", ""), "");
  EXPECT_EQ(WireCredit("A local reporter wrote this story.", "Jane Apple"), "");
  // Photo credits name the agency of the picture, not of the text.
  EXPECT_EQ(WireCredit("Headline\nSaul Loeb | AFP | Getty Images\nUS President Trump...", ""), "");
  EXPECT_EQ(WireCredit("Putin spoke (AFP Photo/Brendan Smialowski)\nMore text", ""), "");
  EXPECT_EQ(WireCredit("Photo: Bloomberg Photo By Andrey Rudakov.\nText", ""), "");
  EXPECT_EQ(WireCredit("AFP PHOTO / Lehtikuva\nLondon (AFP) - He said", ""), "AFP");
  EXPECT_EQ(WireCredit("(AP Photo/Evan Vucci)\nWASHINGTON (AP) — The", ""), "AP");
  // A credit beyond the first ~300 bytes does not count.
  EXPECT_EQ(WireCredit(std::string(400, 'x') + " (AP) — late credit", ""), "");
}

}  // namespace
}  // namespace headwater::reuse
