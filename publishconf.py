"""Settings for the live site: everything in pelicanconf.py, made strict and absolute."""

import os
import sys

# Pelican reads this file by path; pelicanconf.py beside it is imported by name.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403
from synergy.settings import environment as env

SITEURL = env("SITEURL", "https://www.synergyintegrativehealth.com")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

# Every warning is an error on the live site, however Pelican is called.
STRICT_BUILD = True
PUBLISH_BUILD = True
