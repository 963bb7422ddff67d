"""What the fuzzer generates and checks, and how much.

Each operation gets the coverage phase (schemathesis's deterministic boundary cases, and
every method the path lacks) and then the fuzzing phase (random cases, valid and invalid).
CI: the coverage phase's valid cases only, 10 fuzzing examples, a fixed seed — the same
cases on every run. `make fuzz` sets FUZZ_EXAMPLES: the coverage phase's invalid cases too,
that many fuzzing examples, a new seed each run (FUZZ_SEED replays one).
"""
from __future__ import annotations

import schemathesis

CI_EXAMPLES = 10
CI_SEED = 20_251_126

# Every check schemathesis has runs, except these — each with the reason it does not fit.
NOT_APPLICABLE = {
    # A schema-valid request may still break a rule the schema cannot state (an opaque cursor
    # this list never gave out, ends_at before starts_at, a log date beyond 7 days back): 400
    # with field messages is the contract's answer to those (DESIGN §4).
    "positive_data_acceptance",
}


def fuzz_config(env) -> schemathesis.Config:
    long_run = "FUZZ_EXAMPLES" in env
    seed = int(env["FUZZ_SEED"]) if env.get("FUZZ_SEED") else (None if long_run else CI_SEED)
    return schemathesis.Config.from_dict({
        **({"seed": seed} if seed is not None else {}),
        "suppress-health-check": ["all"],  # among them: the per-test `live` fixture is meant to outlive examples
        "cache": {"enabled": False},
        # The session cookie and the CSRF header are a real signed-in user's (tests/fuzz/conftest.py),
        # never generated; the ignored_auth check sends each case once more without them.
        "generation": {"max-examples": int(env.get("FUZZ_EXAMPLES", CI_EXAMPLES)), "database": "none",
                       "with-security-parameters": False},
        # The invalid boundary cases are 4,000 of CI's 7,000 requests: the long run has them.
        "phases": {"coverage": {"generation": {"mode": "all" if long_run else "positive"}}},
        "checks": {name: {"enabled": False} for name in NOT_APPLICABLE},
    })
