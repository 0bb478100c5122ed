# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# Links in demo output, emails and calendar feeds point at the local server unless set.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install lint e2e clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the pinned dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The site on its embedded default: SQLite, a Celery worker with beat on the file-system
# broker, mail to the console. Data from an earlier run is kept; demo data loads only once.
# The web server and the worker run together: when one stops, both stop, with a message.
run: export SITE_URL := $(SITE_URL)
run: install
	@mkdir -p var/celery
	$(MANAGE) migrate --noinput
	$(MANAGE) demo --if-empty
	@echo ""
	@echo "  The site runs at http://127.0.0.1:$(PORT)/  (Ctrl-C stops the web server and the worker)"
	@echo ""
	@# If either stops, config/supervisor.py stops the other and says why.
	@$(BIN)/python -m config.supervisor --port $(PORT)

# The whole suite. DATABASE_URL and REDIS_URL point it at PostgreSQL and Redis (CI does).
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadgroup

# Seeds PostgreSQL at SCALE and at a tenth of it (SCALE=1: 1,000 organizations), times every
# page against an empty one, the reminder sweep and sending; writes benchmarks/results.md.
# It drops and recreates its own databases (named after DATABASE_URL's, which must say "bench").
# The defaults are given in the shell, not as make variables: a target-specific `?=` of a
# variable that comes from the environment empties it for every other target (`make test`).
SCALE ?= 1
bench: install
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench_internships}" \
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" \
	$(BIN)/python -m benchmarks --scale $(SCALE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf var
