from celery import shared_task

from .models import ImportJob


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def parse_import_job(job_id: int) -> None:
    from .services import import_job_parse

    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PARSING).first()
    if job is None:  # gone, or parsed by an earlier delivery of this task
        return
    import_job_parse(job)
