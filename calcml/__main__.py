"""``python -m calcml``: the ``calcml`` command (``python -X importtime -m calcml diff x^2``
shows what a command loads)."""

from calcml.cli import main

if __name__ == "__main__":
    main()
