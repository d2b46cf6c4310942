"""Prefect flows and the command line. Importing this package sets Prefect defaults that suit a
machine with no network and a cold ephemeral server, unless the environment already sets them."""

import os

_PREFECT_DEFAULTS = {
    # No network here: analytics would only time out.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The ephemeral server has been seen to take 10-20 s to start on 2 cores.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_API_REQUEST_TIMEOUT": "120",
}
for _key, _value in _PREFECT_DEFAULTS.items():
    os.environ.setdefault(_key, _value)
