// The JSON shape of one attribution (../shared/CLI.md `headwater attributions --json`), with
// byte spans converted to Unicode code points of the text exactly as given.
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/model.h"
#include "common/text.h"
#include "normalize/outlet_registry.h"

namespace headwater::attribution {

// index must be built over the same text the attribution's spans point into.
nlohmann::json AttributionToJson(const Attribution& a, const CodePointIndex& index,
                                 const normalize::OutletRegistry* outlets);

}  // namespace headwater::attribution
