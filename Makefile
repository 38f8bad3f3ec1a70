# slidegen: `make all` builds every lesson in content/ into build/; `make test` runs the tests.
# The first run sets up what is missing: a .venv with the package, and a Korean font.

PYTHON  ?= python3
# Python's compiled-bytecode cache: some shells and CI images turn it off (PYTHONDONTWRITEBYTECODE), and
# every build then compiles slidegen from source again (70 ms of a 0.34 s deck); what make runs keeps it.
unexport PYTHONDONTWRITEBYTECODE
VENV    := .venv
PY      := $(VENV)/bin/python
SLIDEGEN := $(VENV)/bin/slidegen
STAMP   := $(VENV)/.installed
FONTS   := $(VENV)/.fonts-ok
OUT     := build
HAS_HB_SUBSET := $(PY) -c "import ctypes.util, sys; sys.exit(not ctypes.util.find_library('harfbuzz-subset'))"

LESSONS   := $(sort $(wildcard content/*.md content/*.mdx content/*.qmd content/*.Rmd content/*.ipynb))
NAMES     := $(basename $(notdir $(LESSONS)))
DECKS     := $(NAMES:%=$(OUT)/%.pptx)
HANDOUTS  := $(NAMES:%=$(OUT)/%.pdf)
SLIDE_HANDOUTS := $(NAMES:%=$(OUT)/%-slides.pdf)
DECK_PDFS := $(NAMES:%=$(OUT)/%-deck.pdf)
ASSETS    := $(shell find content -type f ! -name '*.md' ! -name '*.mdx' ! -name '*.qmd' ! -name '*.Rmd' ! -name '*.ipynb' 2>/dev/null)
TEMPLATES := $(shell find templates -type f 2>/dev/null)
SOURCES   := $(shell find slidegen -name "*.py" 2>/dev/null)
DEPS      := $(ASSETS) $(TEMPLATES) $(SOURCES) $(STAMP) $(FONTS)

.PHONY: all slides handout handout-slides deck-pdf check test test-fast fuzz bench clean setup watch
.DELETE_ON_ERROR:

# `make all`: a sub-make with LIST=file names each stale lesson in that file instead of building it (make
# decides what is stale, as for `make slides`), then one slidegen builds them all, deck and handout from
# one parse, as many at once as make's -j (every core without -j): the libraries load once, not per file.
JOBS = $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),0)
all:
	@mkdir -p $(OUT); list=$$(mktemp $(OUT)/.stale-XXXXXX); trap 'rm -f "$$list"' EXIT; \
	$(MAKE) -s --no-print-directory LIST="$$list" slides handout || exit; \
	test ! -s "$$list" || $(SLIDEGEN) build --jobs $(JOBS) $$(sort -u "$$list") -o $(OUT)

slides: $(DECKS)
handout: $(HANDOUTS)
handout-slides: $(SLIDE_HANDOUTS)
deck-pdf: $(DECK_PDFS)
setup: $(STAMP) $(FONTS)

# $(call build_or_list,COMMAND,WHAT): the recipe of one output; under `make all` it only names its lesson.
build_or_list = $(if $(LIST),echo $< >> $(LIST),$(SLIDEGEN) -q $(1) $< -o $(OUT) && echo "$(2) $@")

# One set of rules per lesson suffix: Markdown, MDX, Quarto's .qmd, R Markdown's .Rmd and Jupyter notebooks.
define lesson_rules
$$(OUT)/%.pptx: content/%.$(1) $$(DEPS)
	@$$(call build_or_list,slides,deck   )
$$(OUT)/%-deck.pdf: content/%.$(1) $$(DEPS)
	@$$(SLIDEGEN) -q handout --layout deck $$< -o $$(OUT)
	@echo "deck pdf $$@"
$$(OUT)/%-slides.pdf: content/%.$(1) $$(DEPS)
	@$$(SLIDEGEN) -q handout --layout slides $$< -o $$(OUT)
	@echo "handout $$@"
$$(OUT)/%.pdf: content/%.$(1) $$(DEPS)
	@$$(call build_or_list,handout,handout)
endef
$(foreach suffix,md mdx qmd Rmd ipynb,$(eval $(call lesson_rules,$(suffix))))

watch: $(STAMP) $(FONTS)
	$(SLIDEGEN) watch -o $(OUT)

check: all
	$(SLIDEGEN) -q check --a11y $(LESSONS) -o $(OUT) $$(command -v soffice >/dev/null && echo --render)

# The tests run on every core (pytest-xdist, at most 4 workers: a hostile lesson may take 1 GB);
# `--dist loadgroup` keeps the growth measurements (tests/test_growth.py) on one worker, one at a time.
# PYTEST_JOBS=0 runs them in this process, serially.
PYTEST_JOBS ?= auto
# PYTHONDONTWRITEBYTECODE= : pytest keeps the test modules it rewrote (assert messages) in __pycache__ only
# when Python may write bytecode; with the variable set (as in many containers) every worker rewrote them
# all again, 5 s of each run's start.
PYTEST_N = -n $(PYTEST_JOBS) --maxprocesses 4 --dist loadgroup
PYTEST  = PYTHONDONTWRITEBYTECODE= $(PY) -m pytest
test: $(STAMP) $(FONTS)
	$(PYTEST) -q $(PYTEST_N)

test-fast: $(STAMP) $(FONTS)
	$(PYTEST) -q $(PYTEST_N) -m "not slow and not render"

fuzz: $(STAMP) $(FONTS)
	SLIDEGEN_FUZZ_EXAMPLES=2000 $(PY) -m pytest -q tests/test_fuzz.py

bench: $(STAMP) $(FONTS)
	@command -v pandoc >/dev/null || $(MAKE) --no-print-directory _apt PKG=pandoc
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(OUT)/*.pptx $(OUT)/*.pdf $(OUT)/.tmp-* $(OUT)/.stale-*

# --- set-up ---------------------------------------------------------------------------------------

$(STAMP): pyproject.toml setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "make: cannot create $(VENV): install python3-venv"; exit 1; }
	$(PY) -m pip install -q --upgrade pip >/dev/null 2>&1 || true
	PYTHONWARNINGS=ignore $(PY) -m pip install -q -e '.[test]'  # quiet: setuptools warns on every editable install
	@touch $@

# A Korean-capable font (fontconfig), pango for WeasyPrint, and poppler's pdftotext for reading PDFs.
$(FONTS): $(STAMP)
	@command -v fc-list >/dev/null || $(MAKE) --no-print-directory _apt PKG="fontconfig"
	@test -n "$$(fc-list :lang=ko 2>/dev/null)" || $(MAKE) --no-print-directory _apt PKG="fonts-noto-cjk"
	@$(PY) -c "import weasyprint" 2>/dev/null || $(MAKE) --no-print-directory _apt PKG="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
	@# Without harfbuzz-subset WeasyPrint subsets the CJK fonts with fontTools: handouts ten times slower.
	@$(HAS_HB_SUBSET) || $(MAKE) --no-print-directory _apt PKG="libharfbuzz-subset0"
	@command -v pdftotext >/dev/null || $(MAKE) --no-print-directory _apt PKG="poppler-utils"
	@fc-list | grep -qi symbola || $(MAKE) --no-print-directory _apt PKG="fonts-symbola" || echo "make: optional fonts-symbola (emoji) not installed"
	@$(PY) -m slidegen.emoji_font
	@test -n "$$(fc-list :lang=ko 2>/dev/null)" || { echo "make: no Korean font found: install fonts-noto-cjk (Debian/Ubuntu) or Noto Sans CJK KR"; exit 1; }
	@touch $@

_apt:
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  echo "make: installing $(PKG) with apt-get"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(PKG) >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(PKG) >/dev/null; } || \
	  { echo "make: apt-get could not install $(PKG)"; exit 1; }; \
	elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then \
	  echo "make: installing $(PKG) with sudo apt-get"; sudo apt-get install -y $(PKG); \
	else echo "make: missing system package(s): $(PKG); install them with your package manager"; exit 1; fi
