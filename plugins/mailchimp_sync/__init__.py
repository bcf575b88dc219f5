"""Mailchimp for the site: a dependable client, the build-time audience check, offline signups."""
