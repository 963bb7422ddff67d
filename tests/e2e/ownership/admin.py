"""The admin console's id-taking routes (/api/v1/admin/users/<uuid:user_id>, /quests/<uuid:quest_id>,
/market/items/<uuid:item_id>, /achievements/<uuid:achievement_id>, /learn/topics/<uuid:topic_id>,
/learn/lessons/<uuid:lesson_id>, /feedback/<uuid:feedback_id>) are deliberately not listed:
they reach everyone's rows by design, and test_ownership.py leaves out ADMIN_ONLY routes,
where a non-admin gets 403 (tests/e2e/test_admin_routes.py). Unknown ids answer 404 there:
tests/e2e/test_admin_users.py and test_admin_content.py."""
from __future__ import annotations

RESOURCES: list = []
