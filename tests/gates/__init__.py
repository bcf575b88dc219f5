"""Quality gates over the built site: which pages to check, and the checkers themselves."""
