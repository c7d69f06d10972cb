#!/usr/bin/env bash
# Load benchmark: gunicorn on PostgreSQL with synthetic data, logged-in clients, a page mix against a trivial view.
# Usage: bench/load.sh [PROJECTS] [MILESTONES_PER_PROJECT] [SECONDS]   (defaults 2000 10 60)
# Search is in the mix at every scale: the synthetic rows are indexed once, when the database is new or its index
# empty (rebuild_search_index, batched: a few minutes at 100,000 projects). SEARCH=0 leaves search out.
# Sends traffic only to 127.0.0.1; every loop is bounded in time and the script stops gunicorn itself.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=${1:-2000}; per_project=${2:-10}; seconds=${3:-60}
port=8765
db="xzkf_load_${projects}"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db}"
export SECRET_KEY="bench-only-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 LOG_LEVEL=WARNING
unset REDIS_URL  # set for gunicorn only, below: set-up and the scan run their tasks in-process
py=.venv/bin/python

if ! psql -h 127.0.0.1 -U postgres -lqt | cut -d'|' -f1 | grep -qw "$db"; then
  createdb -h 127.0.0.1 -U postgres "$db"
  $py manage.py migrate --noinput -v0
  time $py manage.py generate_synthetic --projects "$projects" --milestones-per-project "$per_project" --seed 1 --yes
  $py manage.py flag_lagging           # the lagging figures and filters read the alerts
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
urls=$(mktemp); trivial=$(mktemp)
$py manage.py shell -c "
import random
from projects.models import Project
ids = list(Project.objects.values_list('pk', flat=True)[:500]); rng = random.Random(1)
lines = ['/', '/projects/', '/projects/?stage=construction', '/projects/?lagging=on', '/projects/?q=%E9%A1%B9%E7%9B%AE',
         '/search/?q=%E9%A1%B9%E7%9B%AE', '/search/?q=%E6%96%B0%E8%83%BD%E6%BA%90']
lines += [f'/projects/{rng.choice(ids)}/' for _ in range(6)]
if '${SEARCH:-1}' == '0':
    lines = [line for line in lines if not line.startswith('/search/')]
print('\n'.join(lines))
" | grep "^/" > "$urls"
echo /healthz > "$trivial"
# The smallest page behind the login (a confirmation page): session, user, role and the base template only.
floor=$(mktemp); echo /accounts/password/done/ > "$floor"

workers=$((2 * $(nproc) + 1))
# The production stack: Redis holds the cached figures that every gunicorn worker shares (its own db, emptied).
redis_db=${REDIS_DB:-14}
redis-cli -n "$redis_db" flushdb >/dev/null
REDIS_URL="redis://127.0.0.1:6379/$redis_db" .venv/bin/gunicorn xzkf_tracker.wsgi:application --bind 127.0.0.1:$port --workers $workers --preload --log-level warning &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done

echo "== $projects projects, $(($projects * $per_project)) milestones, gunicorn workers=$workers, ${seconds}s per run"
$py bench/loadgen.py --port $port --urls "$urls" --clients 4 --seconds "$seconds" --label mix
$py bench/loadgen.py --port $port --urls "$urls" --clients 16 --seconds "$seconds" --label mix
$py bench/loadgen.py --port $port --urls "$trivial" --clients 16 --seconds "$seconds" --label trivial
$py bench/loadgen.py --port $port --urls "$floor" --clients 16 --seconds "$seconds" --label logged-in
