"""qdaid: exact, checkable figures on Qingdao's national poverty-alleviation honorees."""
