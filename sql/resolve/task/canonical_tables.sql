-- A linkage task as minimal canonical tables (pipelines/lib/resolve/task.py):
-- register records ('r:' ids) carry an exclusive register identifier, mentions
-- ('m:' ids) none; stated regnos are registration numbers, countries countries.
create schema if not exists canonical;
create schema if not exists resolve;

create or replace table canonical.entities as
select 'r:' || id as entity_id, 'company' as kind, name, 'register' as source
from __register__
union all
select 'm:' || id, 'company', name, 'mentions'
from __mentions__;

create or replace table canonical.names as
select entity_id, name, 'strong' as strength
from canonical.entities
where name is not null;

create or replace table canonical.identifiers as
select 'r:' || id as entity_id, $register_scheme as scheme, id as value, true as is_strong
from __register__
union all
select 'r:' || id, 'registration', regno, false
from __register__
where regno is not null and trim(regno) <> ''
union all
select 'm:' || id, 'registration', regno, false
from __mentions__
where regno is not null and trim(regno) <> '';

create or replace table canonical.countries as
select 'r:' || id as entity_id, upper(country) as country
from __register__
where country is not null and trim(country) <> ''
union all
select 'm:' || id, upper(country)
from __mentions__
where country is not null and trim(country) <> '';
