"""The course web app (``calcml serve``): lesson pages with worked solutions, practice,
and a JSON API that mirrors the CLI. Build it with :func:`calcml.web.app.create_app`.

Needs the ``web`` extra (FastAPI, uvicorn, Jinja2, pebble): ``pip install 'calcml[web]'``.
"""
