"""DRF's two rate throttles with the rate a policy gives them ("AnonRateThrottle:5/min").

Each keeps DRF's own scope ('anon', 'user'), so views share a scope's history in the cache,
as in DRF; the timer reads time.time when asked, so it follows the scenario's frozen clock."""
import time

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

THROTTLES = {'AnonRateThrottle': AnonRateThrottle, 'UserRateThrottle': UserRateThrottle}


def throttle_class(name, rate):
    """DRF's class `name` with `rate`; raises what DRF's parse_rate raises on a bad rate."""
    base = THROTTLES[name]
    base.parse_rate(None, rate)  # ValueError, KeyError or IndexError, as DRF's own would
    return type(name, (base,), {'rate': rate, 'timer': staticmethod(lambda: time.time())})
