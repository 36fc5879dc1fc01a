-- warehouse schema of the work database (work.duckdb), written by one process at a time.
-- raw/staging are rebuilt per run; core keeps version history; quarantine and meta keep logs.
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists ref;
create schema if not exists core;
create schema if not exists quarantine;
create schema if not exists meta;

-- core.tariff_measures: every version of every (commodity line, measure) ever loaded.
-- The current version has superseded_run_id null; a changed or vanished row is closed, never
-- overwritten, so any past state can be queried (see docs/marts.md).
create table if not exists core.tariff_measures (
    source varchar not null,
    reporter varchar not null,
    national_code varchar not null,
    hs6 varchar not null,
    producline_suffix varchar not null,
    measure_sid varchar not null,
    measure_type varchar not null,
    measure_type_description varchar,
    regime varchar not null,
    partner varchar not null,
    partner_name varchar,
    partner_type varchar not null,
    duty_text varchar not null,
    is_duty boolean not null,
    valid_from date not null,
    valid_to date,
    excluded_partners varchar[],
    order_number varchar,
    additional_code varchar,
    legal_acts varchar[],
    footnotes varchar[],
    -- the conditions the measure applies under, as published (UK: proofs of origin, certificates)
    conditions struct(condition_code varchar, "condition" varchar, document_code varchar, requirement varchar,
                      action varchar, duty_expression varchar)[],
    source_url varchar not null,
    fetched_at timestamptz not null,
    content_hash varchar not null,
    row_hash ubigint not null,
    loaded_run_id varchar not null,
    loaded_at timestamptz not null,
    superseded_run_id varchar,
    superseded_at timestamptz,
    -- set when the version is closed: the last day it was in force (warehouse/validity.py)
    in_force_to date
);

-- core.commodities: every version of every goods-nomenclature line (commodity code) ever loaded,
-- versioned like the measures. Its description lives here once, not on each of the line's measures.
create table if not exists core.commodities (
    source varchar not null,
    reporter varchar not null,
    national_code varchar not null,
    hs6 varchar not null,
    producline_suffix varchar not null,
    description varchar,
    number_indents integer,
    declarable boolean,
    goods_nomenclature_sid varchar,
    parent_sid varchar,
    units varchar[],
    source_url varchar not null,
    fetched_at timestamptz not null,
    row_hash ubigint not null,
    loaded_run_id varchar not null,
    loaded_at timestamptz not null,
    superseded_run_id varchar,
    superseded_at timestamptz
);

-- core.duty_expressions: every duty text ever loaded, parsed (transforms/duty_expressions.py).
-- A dimension: the parse depends on the text alone, so measures keep only the text and the marts
-- join this; a better parser re-parses the texts without touching the measures.
create table if not exists core.duty_expressions (
    duty_text varchar primary key,
    duty_structure varchar not null,
    ad_valorem_pct double,
    specific_amount double,
    specific_currency varchar,
    specific_unit varchar,
    components_json varchar not null,
    parsed_run_id varchar not null
);

-- core.partner_group_memberships: every version of the membership of each group of origins that tariff
-- measures name as their partner ("1011" ERGA OMNES, "2005" GSP least developed countries, a US program
-- code), versioned like the facts: a crawl publishing other members (or another name) closes the current
-- version and opens a new one. Sources publish no membership dates, so the dates are when the warehouse
-- saw the change: members_from is the day of the crawl that first published this membership (null for a
-- group's first version: held since before the warehouse first saw the group), members_to the day before
-- the crawl that published a different one (null: current). warehouse/dimensions.py loads it.
create table if not exists core.partner_group_memberships (
    source varchar not null,
    reporter varchar not null,
    group_id varchar not null,
    group_name varchar,
    member_countries varchar[] not null,
    other_members varchar[] not null,
    members_from date,
    members_to date,
    source_url varchar not null,
    fetched_at timestamptz not null,
    row_hash ubigint not null,
    loaded_run_id varchar not null,
    loaded_at timestamptz not null,
    superseded_run_id varchar,
    superseded_at timestamptz
);

-- core.exchange_rates: every version of every reference rate (units of currency per 1 base currency on
-- rate_date). A rate published again with another value (a correction) closes the old version.
create table if not exists core.exchange_rates (
    source varchar not null,
    base_currency varchar not null,
    currency varchar not null,
    rate decimal(18, 6) not null,
    rate_date date not null,
    source_url varchar not null,
    fetched_at timestamptz not null,
    content_hash varchar not null,
    row_hash ubigint not null,
    loaded_run_id varchar not null,
    loaded_at timestamptz not null,
    superseded_run_id varchar,
    superseded_at timestamptz
);

-- core.trade_fair_records: every version of every trade-fair record of every calendar source.
-- A changed record (new dates, a cancellation) closes its old version, so changes stay as history.
-- A record that a later crawl no longer lists is not closed: past fairs drop out of feeds.
create table if not exists core.trade_fair_records (
    source varchar not null,
    record_id varchar not null,
    name varchar not null,
    start_date date not null,
    end_date date not null,
    edition_year integer not null,
    starts_at timestamptz,
    ends_at timestamptz,
    timezone varchar,
    all_day boolean,
    date_text varchar,
    status varchar not null,
    status_raw varchar,
    event_type varchar,
    venue varchar,
    address varchar,
    city varchar,
    region varchar,
    postal_code varchar,
    country varchar,
    country_raw varchar,
    organiser varchar,
    sectors varchar[] not null,
    source_sectors varchar[] not null,
    url varchar,
    description varchar,
    updated varchar,
    sequence integer,
    feed varchar,
    source_url varchar not null,
    fetched_at timestamptz not null,
    content_hash varchar not null,
    row_hash ubigint not null,
    loaded_run_id varchar not null,
    loaded_at timestamptz not null,
    superseded_run_id varchar,
    superseded_at timestamptz
);

-- core.trade_fair_seen: when each record was first and last returned by its source's crawl.
create table if not exists core.trade_fair_seen (
    source varchar not null,
    record_id varchar not null,
    first_seen timestamptz not null,
    last_seen timestamptz not null,
    last_seen_run_id varchar not null,
    primary key (source, record_id)
);

-- core.trade_fair_links: which fair edition each record belongs to, with the match evidence.
-- Rebuilt from every record's current version after each load (transforms/fair_matching/).
create table if not exists core.trade_fair_links (
    source varchar not null,
    record_id varchar not null,
    fair_id varchar not null,
    matched_to varchar,
    name_score double,
    evidence varchar,
    linked_run_id varchar not null
);

-- core.market_notices: every version of every regulatory or trade notice. A notice seen again with
-- changed content closes its old version (a new version, not a duplicate); never closed for vanishing.
create table if not exists core.market_notices (
    source varchar not null,
    notice_id varchar not null,
    title varchar not null,
    summary varchar,
    notice_type varchar not null,
    type_rule varchar not null,
    type_explanation varchar not null,
    document_type varchar,
    source_labels varchar[] not null,
    published date,
    effective date,
    comment_deadline date,
    updated timestamptz,
    issuer varchar,
    issuer_country varchar,
    countries varchar[] not null,
    hs_codes varchar[] not null,
    url varchar not null,
    language varchar,
    amends varchar,
    feed varchar not null,
    source_url varchar not null,
    fetched_at timestamptz not null,
    content_hash varchar not null,
    row_hash ubigint not null,
    loaded_run_id varchar not null,
    loaded_at timestamptz not null,
    superseded_run_id varchar,
    superseded_at timestamptz
);

-- quarantine.records: rows that failed a check, with every reason, per run. Never deleted.
create table if not exists quarantine.records (
    run_id varchar not null,
    source varchar not null,
    row_key varchar not null,
    reasons varchar[] not null,
    record json not null,
    quarantined_at timestamptz not null
);

-- meta.loaded_landings: the fingerprint of each loaded landing run (items without fetch metadata, and the
-- staging code): a later landing run with the same fingerprint is not staged again (tradepoint/unchanged.py).
create table if not exists meta.loaded_landings (
    source varchar not null,
    fingerprint varchar not null,
    run_id varchar not null,
    loaded_at timestamptz not null
);

-- meta.runs: one row per (run, source): what happened at each step.
create table if not exists meta.runs (
    run_id varchar not null,
    source varchar not null,
    landing_run_id varchar,
    mode varchar,
    status varchar not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    items_crawled bigint,
    rows_staged bigint,
    rows_quarantined bigint,
    rows_inserted bigint,
    rows_superseded bigint,
    checks_passed integer,
    checks_failed integer,
    published boolean,
    message varchar
);

-- Columns added after a table's first release: a work database created before them gains them here
-- (null in the rows loaded before), so an upgrade needs no `make clean`.
alter table core.commodities add column if not exists units varchar[];
-- closed versions loaded before in_force_to get it from warehouse/validity.py (backfill, by connect_work)
alter table core.tariff_measures add column if not exists in_force_to date;
alter table core.tariff_measures add column if not exists conditions struct(condition_code varchar, "condition" varchar,
    document_code varchar, requirement varchar, action varchar, duty_expression varchar)[];
-- core.partner_groups, unversioned, was replaced by core.partner_group_memberships: the next load of each
-- tariff source (its code fingerprint changed, so it is not skipped as unchanged) fills the new table.
drop table if exists core.partner_groups;
