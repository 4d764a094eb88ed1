"""pytest plugin placeholder; the htx_exchange fixture is being built."""
