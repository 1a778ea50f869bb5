"""gunicorn settings for final_app; every value can be changed from the environment.

gunicorn --config lessons/10_production/gunicorn.conf.py "final_app:create_app()"
"""

import multiprocessing
import os

# Where to listen. Behind a reverse proxy on the same machine, keep it on 127.0.0.1.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '5000')}")

# Predicting is CPU work, so plain synchronous workers, about two per core.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"

# A worker stuck for 30 s on one request is killed and replaced; on shutdown, workers get
# 30 s to finish what they are doing. Idle keep-alive connections close after 5 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Refuse oversized request lines and headers before the app sees them (the app itself caps
# bodies at 1 MB).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Restart each worker after a number of requests (with jitter, so not all at once): a slow
# leak in any library can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = 1_000

# Logs go to stderr, where the platform collects them. The app writes one JSON line per
# request itself (final_app/request_log.py), so gunicorn's own access log stays off rather
# than logging every request twice.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Trust X-Forwarded-* headers only from the proxy on this machine; the app's ProxyFix
# (PROXY_HOPS) decides how many hops to believe.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn's control socket (for `gunicornc`) would sit at one fixed path in your home
# folder, shared by every gunicorn you start; nothing here uses it.
control_socket_disable = True
