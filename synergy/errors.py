"""Every error this project raises on purpose, in one tree.

    SynergyError                 str(error) is one line saying what is wrong and what to do
    ├── SettingsError            a setting that cannot work
    │   └── MailchimpConfigError MAILCHIMP_API_KEY is missing or malformed
    ├── ContentError             a content file that cannot be used as written
    │   ├── FaqError             a malformed FAQ section
    │   ├── ToolkitError         the Wellness Toolkit's Markdown
    │   └── ScaffoldError        `invoke new` cannot make the file
    ├── InputError               a file the project reads that editors do not write as content
    │   ├── SignupFileError      an offline signup list (`invoke signups`)
    │   └── LedgerError          the newsletter ledger
    └── MailchimpError           Mailchimp answered with an error, or not at all
        └── AnswerLost           a request that creates went out; its answer never came

A SettingsError prints as `settings: NAME: what is wrong -- what to do`. A
ContentError holds `what is wrong -- what to do`; whoever reports it names the
file (synergy.problems). An InputError names its file itself. The boundary
(synergy.boundary) turns any of them into that one line and exit status 1,
whichever way the build or task was started; nothing else catches them broadly.
"""


class SynergyError(Exception):
    """Base of every error the project raises on purpose."""

    def line(self):
        """The one line printed for it."""
        return str(self)


class SettingsError(SynergyError):
    """A setting that cannot work: its name, what is wrong, what to do."""

    def __init__(self, name, problem, fix):
        self.name = name
        self.problem = problem
        self.fix = fix
        super().__init__(name, problem, fix)

    def __str__(self):
        return f"settings: {self.name}: {self.problem} -- {self.fix}"

    @classmethod
    def several(cls, errors):
        """One error standing for several settings problems found together: a line each."""
        first, *others = errors
        first.others = list(others)
        return first

    def line(self):
        return "\n".join(str(error) for error in [self, *getattr(self, "others", [])])


class MailchimpConfigError(SettingsError):
    """Mailchimp cannot be reached: its key is missing or malformed."""


class ContentError(SynergyError):
    """A content file cannot be used; the message is `what is wrong -- what to do`."""


class FaqError(ContentError):
    """A malformed FAQ section."""


class ToolkitError(ContentError):
    """A problem in the toolkit's Markdown."""


class ScaffoldError(ContentError):
    """`invoke new` cannot make the file; the message names it when there is one."""


class InputError(SynergyError):
    """A file read from outside the content, named in the message with what to do."""


class SignupFileError(InputError):
    """An offline signup list that cannot be used at all."""


class LedgerError(InputError):
    """The newsletter ledger cannot be read or written."""


class MailchimpError(SynergyError):
    """An answer from Mailchimp that is an error, or no usable answer at all.

    status is the HTTP status (None when no answer came); title, detail and
    instance come from the problem+json body; errors is a list of
    {"field": ..., "message": ...} for per-field validation errors.
    """

    def __init__(self, status, title, detail="", errors=None, instance="", *, method="", path=""):
        self.status = status
        self.title = title or ""
        self.detail = detail or ""
        self.errors = list(errors or [])
        self.instance = instance or ""
        self.method = method
        self.path = path
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.method} {self.path}: " if self.method else ""
        status = f"{self.status} " if self.status is not None else ""
        text = f"{where}{status}{self.title}".rstrip()
        if self.detail:
            text += f" -- {self.detail}"
        for error in self.errors:
            text += f" [{error.get('field', '')}: {error.get('message', '')}]"
        return text

    def __repr__(self):
        return (f"{type(self).__name__}(status={self.status!r}, title={self.title!r}, "
                f"detail={self.detail!r}, errors={self.errors!r}, instance={self.instance!r})")

    def line(self):
        return f"Mailchimp: {self}"


class AnswerLost(MailchimpError):
    """A request that creates something went out but its answer did not come back.

    Mailchimp may or may not have acted on it: look the object up (for example
    a campaign by its marker) before trying again.
    """
