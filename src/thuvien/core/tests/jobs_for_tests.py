"""Job kinds used by the queue tests (registered once, at import)."""

from __future__ import annotations

from thuvien.core.jobs import job_progress, job_task


@job_task("tests.count", retries=0)
def count_job(job, *, n: int) -> dict:
    for i in range(n):
        job_progress(job, done=i + 1, total=n)
    return {"counted": n}


@job_task("tests.flaky", retries=1, retry_delay=0)
def flaky_job(job) -> dict:
    """Fails on its first run, succeeds on the retry."""
    if job.attempts == 1:
        raise RuntimeError("lần chạy đầu hỏng")
    return {"ok": True}
