"""Every line the build clock can print: `settings: <name>: what is wrong -- what to do`."""

MESSAGES = {
    "not_a_date": (
        "settings: {name}: '{value}' is not a date -- write it as YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM, for example 2026-03-14T09:00"
    ),
    "unknown_timezone": (
        "settings: TIMEZONE: '{value}' is not a known time zone "
        "-- use a name such as America/Chicago"
    ),
}


def say(key, **values):
    return MESSAGES[key].format(**values)
