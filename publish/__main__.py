"""python -m publish {video,slides,page,erratum} ...: see publish/__init__.py."""

import importlib
import sys

TASKS = {  # task -> (module, its entry point)
    "video": ("publish.video", "main_video"),
    "slides": ("publish.deck", "main_slides"),
    "page": ("publish.page", "main_page"),
    "erratum": ("publish.erratum_page", "main_erratum"),
}


def main(argv):
    if not argv or argv[0] not in TASKS:
        print(f"usage: python -m publish {{{','.join(TASKS)}}} ...", file=sys.stderr)
        return 2
    module, entry = TASKS[argv[0]]
    return getattr(importlib.import_module(module), entry)(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
