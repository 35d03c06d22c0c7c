-- Every denylist row is explainable: it names its risk sources and a path.
select entity_id, policy
from publish.denylist
where risk_sources is null or risk_sources = '' or path is null or path = ''
