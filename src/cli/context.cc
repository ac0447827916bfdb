#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/cli.h"

namespace headwater::cli {

StatusOr<std::unique_ptr<store::Store>> Context::OpenStore(bool create) const {
  if (!create) {
    std::error_code ec;
    if (!std::filesystem::exists(db, ec))
      return Status::NotFound("no store at " + db + " (run `headwater init` or `headwater ingest` first, or pass --db)");
  }
  store::StoreOptions o;
  o.path = db;
  o.create_if_missing = create;
  return store::Store::Open(o);
}

StatusOr<std::unique_ptr<pipeline::Pipeline>> Context::OpenPipeline(store::Store* store,
                                                                    bool gazetteer) const {
  pipeline::PipelineOptions o;
  o.policies_path = policies;
  o.load_gazetteer = gazetteer;
  return pipeline::Pipeline::Open(store, o, &clock);
}

int PrintError(const Status& s) {
  std::cerr << "headwater: " << s.message() << "\n";
  return kExitError;
}

}  // namespace headwater::cli
