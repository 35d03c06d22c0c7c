"""What a failed run tells people: one clear message, and a webhook POST if configured.

The webhook URL comes from the environment (``OWNERGRAPH_FAILURE_WEBHOOK``),
read when a failure happens, never at import time; it may hold a token, so it
is never logged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import httpx

WEBHOOK_ENV = "OWNERGRAPH_FAILURE_WEBHOOK"
TIMEOUT = 10.0


@dataclass(frozen=True)
class StepFailure:
    step: str
    message: str


@dataclass(frozen=True)
class FailureNotice:
    job: str
    run_id: str
    failures: Sequence[StepFailure]
    run_url: str = ""

    def text(self) -> str:
        head = f"ownergraph run {self.run_id} of job {self.job} failed"
        if not self.failures:
            return head + " (no step failed: the run was stopped or could not start)"
        lines = [f"{head}; {len(self.failures)} step(s) failed:"]
        lines += [f"- {f.step}: {f.message}" for f in self.failures]
        lines.append("The published denylist was not changed by this run.")
        return "\n".join(lines)

    def payload(self) -> dict[str, object]:
        return {
            "text": self.text(),
            "job": self.job,
            "run_id": self.run_id,
            "run_url": self.run_url,
            "failures": [{"step": f.step, "message": f.message} for f in self.failures],
        }


def webhook_url(environ: Mapping[str, str] = os.environ) -> str | None:
    return environ.get(WEBHOOK_ENV) or None


def post(url: str, notice: FailureNotice, client: httpx.Client | None = None) -> int:
    """POST the notice as JSON; the HTTP status (raises on a transport error or non-2xx)."""
    if client is None:
        with httpx.Client(timeout=TIMEOUT) as own:
            return post(url, notice, own)
    response = client.post(url, json=notice.payload())
    response.raise_for_status()
    return response.status_code
