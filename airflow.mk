# airflow.mk: a local Airflow for the DAGs in dags/, included by the Makefile (which defines VENV
# and the $(VENV)/.installed stamp). See dags/README.md.
#
#   make airflow    api-server + scheduler + dag-processor + triggerer in one process (Ctrl-C stops it)
#                   UI: http://localhost:$(AIRFLOW_PORT), user admin, password printed at start-up and
#                   kept in $(AIRFLOW_HOME_DIR)/simple_auth_manager_passwords.json.generated
#
# Tasks reach the api-server's Execution API at AIRFLOW__API__BASE_URL, so it follows AIRFLOW_PORT.
# The DAG processor rescans dags/ every 30 s (Airflow's default: 300 s) so new DAG files show up soon.
# Everything Airflow writes (airflow.cfg, the SQLite metadata DB, logs) goes to airflow_home/
# (git-ignored). Delete that folder for a fresh start; a new password is generated then.

AIRFLOW_HOME_DIR ?= $(CURDIR)/airflow_home
AIRFLOW_PORT ?= 8080
# Where the api-server listens; make airflow AIRFLOW_HOST=0.0.0.0 to reach it from another machine.
AIRFLOW_HOST ?= 127.0.0.1
# The pipeline's data directory, for the tasks Airflow runs (absolute: tasks may not run from here).
TRADEPOINT_DATA_DIR ?= $(CURDIR)/data

# `airflow standalone` starts its components as `airflow ...` looked up on PATH: the venv's bin goes first.
AIRFLOW_ENV = \
	PATH="$(abspath $(VENV))/bin:$$PATH" \
	AIRFLOW_HOME=$(AIRFLOW_HOME_DIR) \
	AIRFLOW__CORE__DAGS_FOLDER=$(CURDIR)/dags \
	AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=sqlite:///$(AIRFLOW_HOME_DIR)/airflow.db \
	AIRFLOW__API__HOST=$(AIRFLOW_HOST) \
	AIRFLOW__API__PORT=$(AIRFLOW_PORT) \
	AIRFLOW__API__BASE_URL=http://localhost:$(AIRFLOW_PORT) \
	AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=30 \
	TRADEPOINT_DATA_DIR=$(TRADEPOINT_DATA_DIR)

.PHONY: airflow
airflow: $(VENV)/.installed ## Run a local Airflow (standalone, SQLite) on http://localhost:8080
	@mkdir -p $(AIRFLOW_HOME_DIR)
	$(AIRFLOW_ENV) $(VENV)/bin/airflow standalone
