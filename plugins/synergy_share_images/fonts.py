"""The font the share images are drawn in: DejaVu Sans Bold unless a setting names another.

Debian's fonts-dejavu-core puts it at a known path (CI installs it, see .ci/run);
elsewhere fontconfig is asked. fontconfig answers every question with some font,
so its answer counts only when it is DejaVu Sans Bold itself: another font would
draw different pictures on different machines.
"""

import os
import shutil
import subprocess

DEFAULT_NAME = "DejaVu Sans Bold"
DEFAULT_FILE = "DejaVuSans-Bold.ttf"
KNOWN_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",   # Debian, Ubuntu
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",               # Arch
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",  # Fedora
)


def find_default(known=KNOWN_PATHS, fc_match="fc-match"):
    """The path of DejaVu Sans Bold, or None when this machine has none."""
    for path in known:
        if os.path.isfile(path):
            return path
    program = shutil.which(fc_match)
    if program is None:
        return None
    try:
        answer = subprocess.run([program, "-f", "%{file}", "DejaVu Sans:bold"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if os.path.basename(answer) == DEFAULT_FILE and os.path.isfile(answer):
        return answer
    return None


def readable(path):
    """True when Pillow can draw with the font file at path."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(path, 20)
    except OSError:
        return False
    return True
