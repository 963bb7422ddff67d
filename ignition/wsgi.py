"""The WSGI entry point for gunicorn: `gunicorn ignition.wsgi:app -c gunicorn.conf.py`."""
from ignition.app import create_app

app = create_app()
