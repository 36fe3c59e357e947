/**
 * The configuration a fresh Kong node built from the default kong.conf reports in `GET /`, per
 * release: typed as Kong's configuration loader types each key (`on`/`off` booleans, numbers,
 * comma lists), `NONE` keys left out, plus the keys the loader derives (prefix paths, the
 * injected nginx directive lists, the enabled headers). Derived from kong/templates/kong_defaults.lua
 * and kong/conf_loader at 3.9.3 and 2.8.5. The listeners, the keys that follow them and the masking
 * are computed per node in configuration.ts.
 */
import type { KongVersion } from '../../entities/types.ts';

export const KONG_CONF_DEFAULTS: Record<KongVersion, Readonly<Record<string, unknown>>> = {
  '3.9': {
    "_debug_pg_ttl_cleanup_interval": 300,
    "admin_acc_logs": "/usr/local/kong/logs/admin_access.log",
    "admin_access_log": "logs/admin_access.log",
    "admin_error_log": "logs/error.log",
    "admin_gui_access_log": "logs/admin_gui_access.log",
    "admin_gui_error_log": "logs/admin_gui_error.log",
    "admin_gui_listen": [
      "0.0.0.0:8002",
      "0.0.0.0:8445 ssl"
    ],
    "admin_gui_path": "/",
    "admin_gui_ssl_cert": [],
    "admin_gui_ssl_cert_default": "/usr/local/kong/ssl/admin-gui-kong-default.crt",
    "admin_gui_ssl_cert_default_ecdsa": "/usr/local/kong/ssl/admin-gui-kong-default-ecdsa.crt",
    "admin_gui_ssl_cert_key": [],
    "admin_gui_ssl_cert_key_default": "/usr/local/kong/ssl/admin-gui-kong-default.key",
    "admin_gui_ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/admin-gui-kong-default-ecdsa.key",
    "admin_gui_url": [],
    "admin_listen": [
      "127.0.0.1:8001 reuseport backlog=16384",
      "127.0.0.1:8444 http2 ssl reuseport backlog=16384"
    ],
    "admin_ssl_cert": [],
    "admin_ssl_cert_default": "/usr/local/kong/ssl/admin-kong-default.crt",
    "admin_ssl_cert_default_ecdsa": "/usr/local/kong/ssl/admin-kong-default-ecdsa.crt",
    "admin_ssl_cert_key": [],
    "admin_ssl_cert_key_default": "/usr/local/kong/ssl/admin-kong-default.key",
    "admin_ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/admin-kong-default-ecdsa.key",
    "allow_debug_header": false,
    "anonymous_reports": true,
    "client_body_buffer_size": "8k",
    "client_ssl": false,
    "client_ssl_cert_default": "/usr/local/kong/ssl/kong-default.crt",
    "client_ssl_cert_key_default": "/usr/local/kong/ssl/kong-default.key",
    "cluster_cjson": false,
    "cluster_control_plane": "127.0.0.1:8005",
    "cluster_data_plane_purge_delay": 1209600,
    "cluster_dp_labels": [],
    "cluster_incremental_sync": false,
    "cluster_listen": [
      "0.0.0.0:8005"
    ],
    "cluster_max_payload": 16777216,
    "cluster_mtls": "shared",
    "cluster_ocsp": "off",
    "cluster_proxy_ssl_terminator_sock": "cp",
    "cluster_rpc": false,
    "cluster_use_proxy": false,
    "database": "postgres",
    "db_cache_ttl": 0,
    "db_cache_warmup_entities": [
      "services"
    ],
    "db_resurrect_ttl": 30,
    "db_update_frequency": 5,
    "db_update_propagation": 0,
    "dedicated_config_processing": true,
    "dns_cache_size": 10000,
    "dns_error_ttl": 1,
    "dns_hostsfile": "/etc/hosts",
    "dns_no_sync": false,
    "dns_not_found_ttl": 30,
    "dns_order": [
      "LAST",
      "SRV",
      "A",
      "CNAME"
    ],
    "dns_resolver": [],
    "dns_stale_ttl": 3600,
    "enabled_headers": {
      "server_tokens": true,
      "latency_tokens": true,
      "Via": true,
      "Server": true,
      "X-Kong-Proxy-Latency": true,
      "X-Kong-Response-Latency": true,
      "X-Kong-Admin-Latency": true,
      "X-Kong-Upstream-Latency": true,
      "X-Kong-Upstream-Status": false,
      "X-Kong-Request-Id": true
    },
    "enabled_headers_upstream": {
      "X-Kong-Request-Id": true
    },
    "error_default_type": "text/plain",
    "headers": [
      "server_tokens",
      "latency_tokens",
      "x-kong-request-id"
    ],
    "headers_upstream": [
      "x-kong-request-id"
    ],
    "host_ports": {},
    "kic": false,
    "kong_env": "/usr/local/kong/.kong_env",
    "kong_process_secrets": "/usr/local/kong/.kong_process_secrets",
    "lmdb_environment_path": "dbless.lmdb",
    "lmdb_map_size": "2048m",
    "lmdb_validation_tag": "3.9",
    "loaded_vaults": {
      "env": true
    },
    "log_level": "notice",
    "lua_max_post_args": 100,
    "lua_max_req_headers": 100,
    "lua_max_resp_headers": 100,
    "lua_max_uri_args": 100,
    "lua_package_path": "./?.lua;./?/init.lua;",
    "lua_socket_pool_size": 256,
    "lua_ssl_protocols": "TLSv1.2 TLSv1.3",
    "lua_ssl_trusted_certificate": [
      "/etc/ssl/certs/ca-certificates.crt"
    ],
    "lua_ssl_trusted_certificate_combined": "/usr/local/kong/.ca_combined",
    "lua_ssl_verify_depth": 1,
    "mem_cache_size": "128m",
    "new_dns_client": false,
    "nginx_acc_logs": "/usr/local/kong/logs/access.log",
    "nginx_admin_client_body_buffer_size": "10m",
    "nginx_admin_client_max_body_size": "10m",
    "nginx_admin_directives": [
      {
        "name": "client_body_buffer_size",
        "value": "10m"
      },
      {
        "name": "client_max_body_size",
        "value": "10m"
      }
    ],
    "nginx_conf": "/usr/local/kong/nginx.conf",
    "nginx_daemon": "on",
    "nginx_err_logs": "/usr/local/kong/logs/error.log",
    "nginx_events_directives": [
      {
        "name": "multi_accept",
        "value": "on"
      },
      {
        "name": "worker_connections",
        "value": "auto"
      }
    ],
    "nginx_events_multi_accept": "on",
    "nginx_events_worker_connections": "auto",
    "nginx_http_charset": "UTF-8",
    "nginx_http_client_body_buffer_size": "8k",
    "nginx_http_client_max_body_size": 0,
    "nginx_http_directives": [
      {
        "name": "charset",
        "value": "UTF-8"
      },
      {
        "name": "client_body_buffer_size",
        "value": "8k"
      },
      {
        "name": "client_max_body_size",
        "value": "0"
      },
      {
        "name": "keepalive_requests",
        "value": "10000"
      },
      {
        "name": "lua_regex_cache_max_entries",
        "value": "8192"
      },
      {
        "name": "lua_regex_match_limit",
        "value": "100000"
      },
      {
        "name": "lua_shared_dict",
        "value": "prometheus_metrics 5m"
      },
      {
        "name": "ssl_dhparam",
        "value": "/usr/local/kong/ssl/ffdhe2048.pem"
      },
      {
        "name": "ssl_prefer_server_ciphers",
        "value": "off"
      },
      {
        "name": "ssl_protocols",
        "value": "TLSv1.2 TLSv1.3"
      },
      {
        "name": "ssl_session_tickets",
        "value": "on"
      },
      {
        "name": "ssl_session_timeout",
        "value": "1d"
      }
    ],
    "nginx_http_keepalive_requests": 10000,
    "nginx_http_lua_regex_cache_max_entries": 8192,
    "nginx_http_lua_regex_match_limit": 100000,
    "nginx_http_lua_ssl_protocols": "TLSv1.2 TLSv1.3",
    "nginx_http_ssl_dhparam": "ffdhe2048",
    "nginx_http_ssl_prefer_server_ciphers": "off",
    "nginx_http_ssl_protocols": "TLSv1.2 TLSv1.3",
    "nginx_http_ssl_session_tickets": "on",
    "nginx_http_ssl_session_timeout": "1d",
    "nginx_inject_conf": "/usr/local/kong/nginx-inject.conf",
    "nginx_kong_conf": "/usr/local/kong/nginx-kong.conf",
    "nginx_kong_gui_include_conf": "/usr/local/kong/nginx-kong-gui-include.conf",
    "nginx_kong_inject_conf": "/usr/local/kong/nginx-kong-inject.conf",
    "nginx_kong_stream_conf": "/usr/local/kong/nginx-kong-stream.conf",
    "nginx_kong_stream_inject_conf": "/usr/local/kong/nginx-kong-stream-inject.conf",
    "nginx_location_directives": [],
    "nginx_main_daemon": "on",
    "nginx_main_directives": [
      {
        "name": "daemon",
        "value": "on"
      },
      {
        "name": "user",
        "value": "kong kong"
      },
      {
        "name": "worker_processes",
        "value": "auto"
      },
      {
        "name": "worker_rlimit_nofile",
        "value": "auto"
      }
    ],
    "nginx_main_user": "kong kong",
    "nginx_main_worker_processes": "auto",
    "nginx_main_worker_rlimit_nofile": "auto",
    "nginx_pid": "/usr/local/kong/pids/nginx.pid",
    "nginx_proxy_directives": [
      {
        "name": "real_ip_header",
        "value": "X-Real-IP"
      },
      {
        "name": "real_ip_recursive",
        "value": "off"
      }
    ],
    "nginx_proxy_real_ip_header": "X-Real-IP",
    "nginx_proxy_real_ip_recursive": "off",
    "nginx_sproxy_directives": [],
    "nginx_status_directives": [],
    "nginx_stream_directives": [
      {
        "name": "lua_shared_dict",
        "value": "stream_prometheus_metrics 5m"
      },
      {
        "name": "ssl_dhparam",
        "value": "/usr/local/kong/ssl/ffdhe2048.pem"
      },
      {
        "name": "ssl_prefer_server_ciphers",
        "value": "off"
      },
      {
        "name": "ssl_protocols",
        "value": "TLSv1.2 TLSv1.3"
      },
      {
        "name": "ssl_session_tickets",
        "value": "on"
      },
      {
        "name": "ssl_session_timeout",
        "value": "1d"
      }
    ],
    "nginx_stream_lua_ssl_protocols": "TLSv1.2 TLSv1.3",
    "nginx_stream_ssl_dhparam": "ffdhe2048",
    "nginx_stream_ssl_prefer_server_ciphers": "off",
    "nginx_stream_ssl_protocols": "TLSv1.2 TLSv1.3",
    "nginx_stream_ssl_session_tickets": "on",
    "nginx_stream_ssl_session_timeout": "1d",
    "nginx_supstream_directives": [],
    "nginx_upstream_directives": [],
    "nginx_user": "kong kong",
    "nginx_wasm_main_directives": [],
    "nginx_wasm_main_shm_kv_directives": [],
    "nginx_wasm_v8_directives": [],
    "nginx_wasm_wasmer_directives": [],
    "nginx_wasm_wasmtime_directives": [],
    "nginx_worker_processes": "auto",
    "opentelemetry_tracing": [
      "off"
    ],
    "opentelemetry_tracing_sampling_rate": 0.01,
    "pg_database": "kong",
    "pg_host": "127.0.0.1",
    "pg_max_concurrent_queries": 0,
    "pg_port": 5432,
    "pg_ro_ssl": false,
    "pg_ro_ssl_verify": false,
    "pg_semaphore_timeout": 60000,
    "pg_ssl": false,
    "pg_ssl_verify": false,
    "pg_timeout": 5000,
    "pg_user": "kong",
    "plugins": [
      "bundled"
    ],
    "pluginserver_names": [],
    "port_maps": [],
    "prefix": "/usr/local/kong",
    "proxy_access_log": "logs/access.log",
    "proxy_error_log": "logs/error.log",
    "proxy_listen": [
      "0.0.0.0:8000 reuseport backlog=16384",
      "0.0.0.0:8443 http2 ssl reuseport backlog=16384"
    ],
    "proxy_server_ssl_verify": true,
    "proxy_stream_access_log": "logs/access.log basic",
    "proxy_stream_error_log": "logs/error.log",
    "real_ip_header": "X-Real-IP",
    "real_ip_recursive": "off",
    "request_debug": true,
    "resolver_address": [],
    "resolver_error_ttl": 1,
    "resolver_family": [
      "A",
      "SRV"
    ],
    "resolver_hosts_file": "/etc/hosts",
    "resolver_lru_cache_size": 10000,
    "resolver_mem_cache_size": "5m",
    "resolver_stale_ttl": 3600,
    "role": "traditional",
    "router_flavor": "traditional_compatible",
    "socket_path": "/usr/local/kong/sockets",
    "ssl_cert": [],
    "ssl_cert_csr_default": "/usr/local/kong/ssl/kong-default.csr",
    "ssl_cert_default": "/usr/local/kong/ssl/kong-default.crt",
    "ssl_cert_default_ecdsa": "/usr/local/kong/ssl/kong-default-ecdsa.crt",
    "ssl_cert_key": [],
    "ssl_cert_key_default": "/usr/local/kong/ssl/kong-default.key",
    "ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/kong-default-ecdsa.key",
    "ssl_cipher_suite": "intermediate",
    "ssl_ciphers": "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305",
    "ssl_dhparam": "ffdhe2048",
    "ssl_enabled": true,
    "ssl_prefer_server_ciphers": "on",
    "ssl_protocols": "TLSv1.2 TLSv1.3",
    "ssl_session_cache_size": "10m",
    "ssl_session_tickets": "on",
    "ssl_session_timeout": "1d",
    "status_access_log": "off",
    "status_error_log": "logs/status_error.log",
    "status_listen": [
      "127.0.0.1:8007 reuseport backlog=16384"
    ],
    "status_ssl_cert": [],
    "status_ssl_cert_default": "/usr/local/kong/ssl/status-kong-default.crt",
    "status_ssl_cert_default_ecdsa": "/usr/local/kong/ssl/status-kong-default-ecdsa.crt",
    "status_ssl_cert_key": [],
    "status_ssl_cert_key_default": "/usr/local/kong/ssl/status-kong-default.key",
    "status_ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/status-kong-default-ecdsa.key",
    "stream_config_sock": "sc",
    "stream_listen": [
      "off"
    ],
    "stream_rpc_sock": "rp",
    "stream_tls_passthrough_sock": "sp",
    "stream_tls_terminate_sock": "st",
    "stream_worker_events_sock": "sw",
    "tracing_instrumentations": [
      "off"
    ],
    "tracing_sampling_rate": 0.01,
    "trusted_ips": [],
    "untrusted_lua": "sandbox",
    "untrusted_lua_sandbox_environment": [],
    "untrusted_lua_sandbox_requires": [],
    "upstream_keepalive_idle_timeout": 60,
    "upstream_keepalive_max_requests": 10000,
    "upstream_keepalive_pool_size": 512,
    "vaults": [
      "bundled"
    ],
    "wasm": false,
    "wasm_filters": [
      "bundled",
      "user"
    ],
    "worker_consistency": "eventual",
    "worker_events_max_payload": 65535,
    "worker_events_sock": "we",
    "worker_state_update_frequency": 5
  },
  '2.8': {
    "admin_acc_logs": "/usr/local/kong/logs/admin_access.log",
    "admin_access_log": "logs/admin_access.log",
    "admin_error_log": "logs/error.log",
    "admin_listen": [
      "127.0.0.1:8001 reuseport backlog=16384",
      "127.0.0.1:8444 http2 ssl reuseport backlog=16384"
    ],
    "admin_ssl_cert": [],
    "admin_ssl_cert_default": "/usr/local/kong/ssl/admin-kong-default.crt",
    "admin_ssl_cert_default_ecdsa": "/usr/local/kong/ssl/admin-kong-default-ecdsa.crt",
    "admin_ssl_cert_key": [],
    "admin_ssl_cert_key_default": "/usr/local/kong/ssl/admin-kong-default.key",
    "admin_ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/admin-kong-default-ecdsa.key",
    "anonymous_reports": true,
    "cassandra_contact_points": [
      "127.0.0.1"
    ],
    "cassandra_data_centers": [
      "dc1:2",
      "dc2:3"
    ],
    "cassandra_keyspace": "kong",
    "cassandra_lb_policy": "RequestRoundRobin",
    "cassandra_port": 9042,
    "cassandra_read_consistency": "ONE",
    "cassandra_refresh_frequency": 60,
    "cassandra_repl_factor": 1,
    "cassandra_repl_strategy": "SimpleStrategy",
    "cassandra_schema_consensus_timeout": 10000,
    "cassandra_ssl": false,
    "cassandra_ssl_verify": false,
    "cassandra_timeout": 5000,
    "cassandra_username": "kong",
    "cassandra_write_consistency": "ONE",
    "client_body_buffer_size": "8k",
    "client_max_body_size": "0",
    "client_ssl": false,
    "client_ssl_cert_default": "/usr/local/kong/ssl/kong-default.crt",
    "client_ssl_cert_key_default": "/usr/local/kong/ssl/kong-default.key",
    "cluster_control_plane": "127.0.0.1:8005",
    "cluster_data_plane_purge_delay": 1209600,
    "cluster_listen": [
      "0.0.0.0:8005"
    ],
    "cluster_max_payload": 4194304,
    "cluster_mtls": "shared",
    "cluster_ocsp": "off",
    "database": "postgres",
    "db_cache_ttl": 0,
    "db_cache_warmup_entities": [
      "services"
    ],
    "db_resurrect_ttl": 30,
    "db_update_frequency": 5,
    "db_update_propagation": 0,
    "dns_cache_size": 10000,
    "dns_error_ttl": 1,
    "dns_hostsfile": "/etc/hosts",
    "dns_no_sync": false,
    "dns_not_found_ttl": 30,
    "dns_order": [
      "LAST",
      "SRV",
      "A",
      "CNAME"
    ],
    "dns_resolver": [],
    "dns_stale_ttl": 4,
    "enabled_headers": {
      "server_tokens": true,
      "latency_tokens": true,
      "Via": true,
      "Server": true,
      "X-Kong-Proxy-Latency": true,
      "X-Kong-Response-Latency": true,
      "X-Kong-Admin-Latency": true,
      "X-Kong-Upstream-Latency": true,
      "X-Kong-Upstream-Status": false
    },
    "error_default_type": "text/plain",
    "go_plugins_dir": "off",
    "go_pluginserver_exe": "/usr/local/bin/go-pluginserver",
    "headers": [
      "server_tokens",
      "latency_tokens"
    ],
    "host_ports": {},
    "kic": false,
    "kong_env": "/usr/local/kong/.kong_env",
    "log_level": "notice",
    "lua_package_path": "./?.lua;./?/init.lua;",
    "lua_socket_pool_size": 30,
    "lua_ssl_protocols": "TLSv1.1 TLSv1.2 TLSv1.3",
    "lua_ssl_trusted_certificate": [],
    "lua_ssl_verify_depth": 1,
    "mem_cache_size": "128m",
    "nginx_acc_logs": "/usr/local/kong/logs/access.log",
    "nginx_admin_client_body_buffer_size": "10m",
    "nginx_admin_client_max_body_size": "10m",
    "nginx_admin_directives": [
      {
        "name": "client_body_buffer_size",
        "value": "10m"
      },
      {
        "name": "client_max_body_size",
        "value": "10m"
      }
    ],
    "nginx_conf": "/usr/local/kong/nginx.conf",
    "nginx_daemon": "on",
    "nginx_err_logs": "/usr/local/kong/logs/error.log",
    "nginx_events_directives": [
      {
        "name": "multi_accept",
        "value": "on"
      },
      {
        "name": "worker_connections",
        "value": "auto"
      }
    ],
    "nginx_events_multi_accept": "on",
    "nginx_events_worker_connections": "auto",
    "nginx_http_client_body_buffer_size": "8k",
    "nginx_http_client_max_body_size": 0,
    "nginx_http_directives": [
      {
        "name": "client_body_buffer_size",
        "value": "8k"
      },
      {
        "name": "client_max_body_size",
        "value": "0"
      },
      {
        "name": "lua_regex_match_limit",
        "value": "100000"
      },
      {
        "name": "lua_shared_dict",
        "value": "prometheus_metrics 5m"
      },
      {
        "name": "ssl_dhparam",
        "value": "/usr/local/kong/ssl/ffdhe2048.pem"
      },
      {
        "name": "ssl_prefer_server_ciphers",
        "value": "off"
      },
      {
        "name": "ssl_protocols",
        "value": "TLSv1.2 TLSv1.3"
      },
      {
        "name": "ssl_session_tickets",
        "value": "on"
      },
      {
        "name": "ssl_session_timeout",
        "value": "1d"
      }
    ],
    "nginx_http_lua_regex_match_limit": 100000,
    "nginx_http_lua_ssl_protocols": "TLSv1.1 TLSv1.2 TLSv1.3",
    "nginx_http_ssl_dhparam": "ffdhe2048",
    "nginx_http_ssl_prefer_server_ciphers": "off",
    "nginx_http_ssl_protocols": "TLSv1.2 TLSv1.3",
    "nginx_http_ssl_session_tickets": "on",
    "nginx_http_ssl_session_timeout": "1d",
    "nginx_kong_conf": "/usr/local/kong/nginx-kong.conf",
    "nginx_kong_stream_conf": "/usr/local/kong/nginx-kong-stream.conf",
    "nginx_main_daemon": "on",
    "nginx_main_directives": [
      {
        "name": "daemon",
        "value": "on"
      },
      {
        "name": "user",
        "value": "kong kong"
      },
      {
        "name": "worker_processes",
        "value": "auto"
      },
      {
        "name": "worker_rlimit_nofile",
        "value": "auto"
      }
    ],
    "nginx_main_user": "kong kong",
    "nginx_main_worker_processes": "auto",
    "nginx_main_worker_rlimit_nofile": "auto",
    "nginx_optimizations": true,
    "nginx_pid": "/usr/local/kong/pids/nginx.pid",
    "nginx_proxy_directives": [
      {
        "name": "real_ip_header",
        "value": "X-Real-IP"
      },
      {
        "name": "real_ip_recursive",
        "value": "off"
      }
    ],
    "nginx_proxy_real_ip_header": "X-Real-IP",
    "nginx_proxy_real_ip_recursive": "off",
    "nginx_sproxy_directives": [],
    "nginx_status_directives": [],
    "nginx_stream_directives": [
      {
        "name": "lua_shared_dict",
        "value": "stream_prometheus_metrics 5m"
      },
      {
        "name": "ssl_dhparam",
        "value": "/usr/local/kong/ssl/ffdhe2048.pem"
      },
      {
        "name": "ssl_prefer_server_ciphers",
        "value": "off"
      },
      {
        "name": "ssl_protocols",
        "value": "TLSv1.2 TLSv1.3"
      },
      {
        "name": "ssl_session_tickets",
        "value": "on"
      },
      {
        "name": "ssl_session_timeout",
        "value": "1d"
      }
    ],
    "nginx_stream_lua_ssl_protocols": "TLSv1.1 TLSv1.2 TLSv1.3",
    "nginx_stream_ssl_dhparam": "ffdhe2048",
    "nginx_stream_ssl_prefer_server_ciphers": "off",
    "nginx_stream_ssl_protocols": "TLSv1.2 TLSv1.3",
    "nginx_stream_ssl_session_tickets": "on",
    "nginx_stream_ssl_session_timeout": "1d",
    "nginx_supstream_directives": [],
    "nginx_upstream_directives": [],
    "nginx_user": "kong kong",
    "nginx_worker_processes": "auto",
    "pg_database": "kong",
    "pg_host": "127.0.0.1",
    "pg_max_concurrent_queries": 0,
    "pg_port": 5432,
    "pg_ro_ssl": false,
    "pg_ro_ssl_verify": false,
    "pg_semaphore_timeout": 60000,
    "pg_ssl": false,
    "pg_ssl_verify": false,
    "pg_timeout": 5000,
    "pg_user": "kong",
    "plugins": [
      "bundled"
    ],
    "pluginserver_names": [],
    "port_maps": [],
    "prefix": "/usr/local/kong",
    "proxy_access_log": "logs/access.log",
    "proxy_error_log": "logs/error.log",
    "proxy_listen": [
      "0.0.0.0:8000 reuseport backlog=16384",
      "0.0.0.0:8443 http2 ssl reuseport backlog=16384"
    ],
    "proxy_stream_access_log": "logs/access.log basic",
    "proxy_stream_error_log": "logs/error.log",
    "real_ip_header": "X-Real-IP",
    "real_ip_recursive": "off",
    "role": "traditional",
    "ssl_cert": [],
    "ssl_cert_csr_default": "/usr/local/kong/ssl/kong-default.csr",
    "ssl_cert_default": "/usr/local/kong/ssl/kong-default.crt",
    "ssl_cert_default_ecdsa": "/usr/local/kong/ssl/kong-default-ecdsa.crt",
    "ssl_cert_key": [],
    "ssl_cert_key_default": "/usr/local/kong/ssl/kong-default.key",
    "ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/kong-default-ecdsa.key",
    "ssl_cipher_suite": "intermediate",
    "ssl_ciphers": "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
    "ssl_dhparam": "ffdhe2048",
    "ssl_enabled": true,
    "ssl_prefer_server_ciphers": "on",
    "ssl_protocols": "TLSv1.1 TLSv1.2 TLSv1.3",
    "ssl_session_tickets": "on",
    "ssl_session_timeout": "1d",
    "status_access_log": "off",
    "status_error_log": "logs/status_error.log",
    "status_listen": [
      "off"
    ],
    "status_ssl_cert": [],
    "status_ssl_cert_default": "/usr/local/kong/ssl/status-kong-default.crt",
    "status_ssl_cert_default_ecdsa": "/usr/local/kong/ssl/status-kong-default-ecdsa.crt",
    "status_ssl_cert_key": [],
    "status_ssl_cert_key_default": "/usr/local/kong/ssl/status-kong-default.key",
    "status_ssl_cert_key_default_ecdsa": "/usr/local/kong/ssl/status-kong-default-ecdsa.key",
    "stream_listen": [
      "off"
    ],
    "trusted_ips": [],
    "untrusted_lua": "sandbox",
    "untrusted_lua_sandbox_environment": [],
    "untrusted_lua_sandbox_requires": [],
    "upstream_keepalive_idle_timeout": 60,
    "upstream_keepalive_max_requests": 100,
    "upstream_keepalive_pool_size": 60,
    "vaults": [
      "off"
    ],
    "worker_consistency": "strict",
    "worker_state_update_frequency": 5
  },
};
