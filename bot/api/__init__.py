"""The FastAPI web app: resident API, staff API, NLG endpoint and pages."""
