"""A SECRET_KEY for running the app on your own machine, kept in the instance folder.

``make serve`` runs the app in production mode, which refuses to start without a
SECRET_KEY. Rather than ask a learner to invent one, it calls this module: the first run
writes a random key to ``instance/secret_key`` (git-ignored, readable by you only), and
later runs reuse it, so sessions survive restarts. In a real deployment the key comes from
the environment, from the platform's secret store.

    python -m final_app.local_secret        # prints the key, creating it if needed
"""

import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def local_secret_key(instance_dir: Path = INSTANCE_DIR) -> str:
    """The key in ``instance_dir/secret_key``; created (mode 0600) on first use."""
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


if __name__ == "__main__":
    print(local_secret_key())
