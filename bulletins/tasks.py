from celery import shared_task

from .models import ImportJob


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def parse_import_job(job_id: int) -> None:
    from .services import import_job_parse

    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PARSING).first()
    if job is None:  # gone, or parsed by an earlier delivery of this task
        return
    import_job_parse(job)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def requeue_stale_import_jobs() -> int:
    """The beat sweep: no import stays lost to a dead broker or a dead process."""
    from .services import import_jobs_requeue_stale

    return import_jobs_requeue_stale()
