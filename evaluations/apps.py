from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Internships and evaluations"

    def ready(self) -> None:
        # In every process that writes (web and workers), so no write leaves a cached
        # statistics table behind.
        from evaluations import statistics_cache

        statistics_cache.connect()
