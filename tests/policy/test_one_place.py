"""Nothing but the policy looks at roles, groups or Django's flags to decide who may do what."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Who may read roles and groups, and why: the policy decides, and answers Django's permission checks through
# the backend; the role service and the admin's user form set a role; the menu shows the role's name;
# ensure_admin looks for an admin; the synthetic data makes users in bulk; a user's notification channel
# defaults by role (what they hear, not what they may do).
SKIPPED_DIRS = {"tests", "bench", "seeds", "static", "locale", "docs", "scripts"}
ALLOWED = {
    "accounts/policy.py", "accounts/backends.py", "accounts/services.py", "accounts/admin.py",
    "accounts/context_processors.py",
    "accounts/management/commands/ensure_admin.py", "projects/management/commands/generate_synthetic.py",
    "notify/services.py",
}
CHECKS = re.compile(
    r"role_of\(|has_role\(|\.groups\.|Group\.objects|is_superuser|is_staff|has_perm\(|allowed_roles|staff_actions"
    r"|Role\.(OFFICIAL|STAFF|ADMIN)|user_role ==|can_log\(|is_admin\("
)


def test_no_role_or_group_check_outside_the_policy():
    found = []
    tops = [d for d in ROOT.iterdir() if d.is_dir() and not d.name.startswith(".") and d.name not in SKIPPED_DIRS]
    paths = [p for top in tops for pattern in ("*.py", "*.html") for p in top.rglob(pattern)]
    for path in sorted(paths):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if CHECKS.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "ask accounts.policy.can instead:\n" + "\n".join(found)
