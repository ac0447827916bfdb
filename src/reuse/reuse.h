// The text-reuse stage (headwater::reuse): article A contains text of earlier article B — find
// it (shingle.h, lsh_index.h), measure it (compare.h), classify it and give its direction
// (compare.h), name the wire agency a copy credits (wire_credit.h), all streaming
// (detector.h). One include for the pipeline.
// Thread-safety: see each header.
#pragma once

#include "reuse/compare.h"
#include "reuse/detector.h"
#include "reuse/lsh_index.h"
#include "reuse/options.h"
#include "reuse/shingle.h"
#include "reuse/wire_credit.h"
