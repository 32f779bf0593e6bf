"""OneWindow (一窗通) desk app: `python main.py --help`."""
import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
