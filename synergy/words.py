"""The words editors and environment variables use for yes and no, in one place."""

YES = ("yes", "true", "y", "1", "on")
NO = ("no", "false", "n", "0", "off")


def is_yes(value):
    """True for a yes word (any case, spaces ignored) or True itself."""
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in YES


def yes_or_no(value):
    """True, False, or None when the value is neither a yes nor a no word."""
    if isinstance(value, bool):
        return value
    word = str(value or "").strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return None
