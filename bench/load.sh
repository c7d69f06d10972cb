#!/usr/bin/env bash
# Load benchmark: gunicorn on PostgreSQL with synthetic data and logged-in clients. It measures
#   - the page mix at 4 and 16 clients (the figures the targets name),
#   - each page alone at 4 and 16 clients, as a share of the logged-in floor (the smallest page behind the login:
#     session, user, role and the base template) at the same number of clients,
#   - the trivial view (/healthz), and the project list's HTML size, which must not grow with the data.
# Usage: bench/load.sh [PROJECTS] [MILESTONES_PER_PROJECT] [SECONDS]   (defaults 2000 10 60)
#   SECONDS is each mix run; PAGE_SECONDS (default 20) each single-page run; PAGES=0 skips the single-page runs.
# The database xzkf_load_<PROJECTS> is made on the first run and reused after (dropdb it to start again).
# Search is in the mix at every scale: the synthetic rows are indexed once, when the database is new or its index
# empty (rebuild_search_index, batched: a few minutes at 100,000 projects). SEARCH=0 leaves search out.
# Sends traffic only to 127.0.0.1; every loop is bounded in time and the script stops gunicorn itself.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=${1:-2000}; per_project=${2:-10}; seconds=${3:-60}; page_seconds=${PAGE_SECONDS:-20}
port=8765
db="xzkf_load_${projects}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
export SECRET_KEY="bench-only-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 LOG_LEVEL=WARNING
unset REDIS_URL  # set for gunicorn only, below: set-up and the scan run their tasks in-process
py=.venv/bin/python

if ! psql -h 127.0.0.1 -U postgres -lqt | cut -d'|' -f1 | grep -qw "$db"; then
  createdb -h 127.0.0.1 -U postgres "$db"
  # A set-up that fails half-way must not leave a database the next run would take as ready.
  trap 'dropdb -h 127.0.0.1 -U postgres --if-exists "$db"' ERR
  $py manage.py migrate --noinput -v0
  time $py manage.py generate_synthetic --projects "$projects" --milestones-per-project "$per_project" --seed 1 --yes
  $py manage.py flag_lagging           # the lagging figures and filters read the alerts
  psql -h 127.0.0.1 -U postgres -d "$db" -qc ANALYZE   # the scan's alerts, before the first query plans them
  trap - ERR
fi
$py manage.py migrate --noinput -v0
# Synthetic rows bypass the save hooks; a database made with SEARCH=0 is indexed on its first run with search.
if [ "${SEARCH:-1}" != 0 ] && [ "$(psql -h 127.0.0.1 -U postgres -d "$db" -Atc 'select count(*) from search_searchdocument')" = 0 ]; then
  time $py manage.py rebuild_search_index
fi
$py manage.py collectstatic --noinput -v0
$py manage.py shell -c "
from django.contrib.auth.models import Group, User
u, _ = User.objects.get_or_create(username='bench-official')
u.set_password('bench-official-passphrase'); u.save(); u.groups.add(Group.objects.get(name='领导'))
from axes.models import AccessAttempt; AccessAttempt.objects.all().delete()
"

# One file of paths per page; the mix draws from all of them. The project page is timed on the mix's six projects
# (as Redmine's was) and on 500 (project-page-many): a page cached until the next write is then mostly built afresh.
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
$py manage.py shell -c "
import pathlib, random
from projects.models import Project
ids = list(Project.objects.order_by('pk').values_list('pk', flat=True)); rng = random.Random(1)
chosen = rng.sample(ids, min(500, len(ids)))
pages = {
    'overview': ['/'],
    'project-list': ['/projects/', '/projects/?stage=construction'],
    'lagging-list': ['/projects/?lagging=on'],
    'list-filter': ['/projects/?q=%E9%A1%B9%E7%9B%AE'],
    'search': ['/search/?q=%E9%A1%B9%E7%9B%AE', '/search/?q=%E6%96%B0%E8%83%BD%E6%BA%90'],
    'project-page': [f'/projects/{pk}/' for pk in chosen[:6]],
    'project-page-many': [f'/projects/{pk}/' for pk in chosen],
}
if '${SEARCH:-1}' == '0':
    del pages['search']
for name, paths in pages.items():
    pathlib.Path('$pages', name).write_text('\n'.join(paths) + '\n', encoding='utf-8')
"
# The mix: each page once, the project page six times (officials open projects most), as before.
{ for name in "$pages"/*; do [ "$(basename "$name")" = project-page-many ] || cat "$name"; done; } > "$pages/.mix"
echo /healthz > "$pages/.trivial"
echo /accounts/password/done/ > "$pages/.floor"

workers=$((2 * $(nproc) + 1))
# The production stack: Redis holds the cached figures that every gunicorn worker shares (its own db, emptied).
redis_db=${REDIS_DB:-14}
redis-cli -n "$redis_db" flushdb >/dev/null
REDIS_URL="redis://127.0.0.1:6379/$redis_db" .venv/bin/gunicorn xzkf_tracker.wsgi:application --bind 127.0.0.1:$port --workers $workers --preload --log-level warning &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null || true; rm -rf "$pages"' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done

load() { $py bench/loadgen.py --port $port "$@"; }
rate() { sed -n 's/.*"rps": \([0-9.]*\).*/\1/p' | tail -1; }

echo "== $projects projects, $(($projects * $per_project)) milestones, gunicorn workers=$workers"
echo "-- the mix, ${seconds}s per run"
load --urls "$pages/.mix" --clients 4 --seconds "$seconds" --label mix | sed -n 1p
load --urls "$pages/.mix" --clients 16 --seconds "$seconds" --label mix | sed -n 1p
load --urls "$pages/.trivial" --clients 16 --seconds "$page_seconds" --label trivial | sed -n 1p
if [ "${PAGES:-1}" != 0 ]; then
  echo "-- each page alone, ${page_seconds}s per run; 'floor' is the share of the logged-in floor's rate"
  for clients in 4 16; do
    floor_run=$(load --urls "$pages/.floor" --clients $clients --seconds "$page_seconds" --label logged-in)
    echo "$floor_run" | sed -n 1p
    floor=$(echo "$floor_run" | rate)
    for name in "$pages"/*; do
      load --urls "$name" --clients $clients --seconds "$page_seconds" --label "$(basename "$name")" --floor "$floor" | sed -n 1p
    done
  done
fi
echo "-- the project list's HTML at $projects projects: $(load --size /projects/)"
