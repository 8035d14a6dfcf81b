
use builtin;
use str;

set edit:completion:arg-completer[peaka] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'peaka'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'peaka'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand cache 'Work with caches: list, status, history, refresh, wait, cancel'
            cand config 'Show the effective configuration'
            cand auth 'Save an API key for peaka, see where it comes from, or remove it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;cache'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the caches of a project, a catalog or a schema, with their status'
            cand status 'Show the status of a cache and its last executions'
            cand history 'Show the past executions of a cache, newest first'
            cand refresh 'Start a full refresh or an incremental sync, and optionally wait for it'
            cand wait 'Wait until an execution of a cache reaches a state; sends nothing'
            cand cancel-full-refresh 'Cancel the running full refresh of one cache or many'
            cand cancel-incremental 'Cancel the running incremental sync of one cache or many'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;cache;list'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --catalog 'Only the caches of this catalog'
            cand --schema 'Only the caches of this schema of the catalog'
            cand --status 'Only caches in this status: RUNNING, CANCELLING, COMPLETED, FAILED, CANCELLED, DELETED or NOT_INITIALIZED, or full:RUNNING / incremental:RUNNING for one kind of execution; repeat for any of them'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand --wide 'On a terminal, every column in full: the catalog too, whole IDs, nothing cut'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;status'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand -c 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --cache 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand --logs 'Include the cache''s action logs'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;history'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand -c 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --cache 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --limit 'How many executions to show, 1-1000 [default: 10]'
            cand --offset 'How many of the newest executions to skip [default: 0]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand --all 'Every execution the API keeps, page after page'
            cand --wide 'On a terminal, every column in full: whole IDs and times, nothing cut'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;refresh'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand -c 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --cache 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --timeout 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]'
            cand --interval 'Longest pause between status reads, at least 200ms [default: 5s]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand --full 'Start a full refresh (drop and rebuild)'
            cand --incremental 'Start an incremental sync'
            cand --wait 'Follow the new execution until it finishes'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;wait'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand -c 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --cache 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE'
            cand --for 'The state to wait for'
            cand --kind 'Which execution: the last full refresh or the last incremental sync [default: full]; with --execution, where to look (both by default)'
            cand --execution 'Wait for this execution (e.g. `.execution.id` of `cache refresh -o json`), looked up among both kinds'' last executions, then in the history; never found is exit 5'
            cand --timeout 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]'
            cand --interval 'Longest pause between status reads, at least 200ms [default: 5s]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;cancel-full-refresh'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand -c 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line'
            cand --cache 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line'
            cand --catalog 'Only the caches of this catalog'
            cand --schema 'Only the caches of this schema of the catalog'
            cand --concurrency 'How many caches are worked on at once, 1-64 [default: 8]'
            cand --timeout 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]'
            cand --interval 'Longest pause between status reads, at least 200ms [default: 5s]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand --all-running 'Every cache of the project (or of --catalog/--schema) whose execution of this kind is RUNNING'
            cand -y 'Do not ask before cancelling with --all-running'
            cand --yes 'Do not ask before cancelling with --all-running'
            cand --if-running 'Succeed (exit 0) when nothing is running'
            cand --wait 'Wait until the execution is really cancelled, or ends otherwise'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;cancel-incremental'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand -c 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line'
            cand --cache 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line'
            cand --catalog 'Only the caches of this catalog'
            cand --schema 'Only the caches of this schema of the catalog'
            cand --concurrency 'How many caches are worked on at once, 1-64 [default: 8]'
            cand --timeout 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]'
            cand --interval 'Longest pause between status reads, at least 200ms [default: 5s]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand --all-running 'Every cache of the project (or of --catalog/--schema) whose execution of this kind is RUNNING'
            cand -y 'Do not ask before cancelling with --all-running'
            cand --yes 'Do not ask before cancelling with --all-running'
            cand --if-running 'Succeed (exit 0) when nothing is running'
            cand --wait 'Wait until the execution is really cancelled, or ends otherwise'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;cache;help'= {
            cand list 'List the caches of a project, a catalog or a schema, with their status'
            cand status 'Show the status of a cache and its last executions'
            cand history 'Show the past executions of a cache, newest first'
            cand refresh 'Start a full refresh or an incremental sync, and optionally wait for it'
            cand wait 'Wait until an execution of a cache reaches a state; sends nothing'
            cand cancel-full-refresh 'Cancel the running full refresh of one cache or many'
            cand cancel-incremental 'Cancel the running incremental sync of one cache or many'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;cache;help;list'= {
        }
        &'peaka;cache;help;status'= {
        }
        &'peaka;cache;help;history'= {
        }
        &'peaka;cache;help;refresh'= {
        }
        &'peaka;cache;help;wait'= {
        }
        &'peaka;cache;help;cancel-full-refresh'= {
        }
        &'peaka;cache;help;cancel-incremental'= {
        }
        &'peaka;cache;help;help'= {
        }
        &'peaka;config'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Every effective setting and where it came from'
            cand path 'The config file that would be read'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;config;show'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;config;path'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;config;help'= {
            cand show 'Every effective setting and where it came from'
            cand path 'The config file that would be read'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;config;help;show'= {
        }
        &'peaka;config;help;path'= {
        }
        &'peaka;config;help;help'= {
        }
        &'peaka;auth'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file'
            cand status 'Where the API key comes from, and whether the API accepts it'
            cand logout 'Remove the key setting from the config file, and the key file when auth login made it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;auth;login'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;auth;status'= {
            cand -p 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --project 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]'
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;auth;logout'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;auth;help'= {
            cand login 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file'
            cand status 'Where the API key comes from, and whether the API accepts it'
            cand logout 'Remove the key setting from the config file, and the key file when auth login made it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;auth;help;login'= {
        }
        &'peaka;auth;help;status'= {
        }
        &'peaka;auth;help;logout'= {
        }
        &'peaka;auth;help;help'= {
        }
        &'peaka;completions'= {
            cand --api-key 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file'
            cand --api-key-file 'Read the API key from a file (`-` reads standard input)'
            cand --zone 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]'
            cand --base-url 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]'
            cand --profile 'Profile of the config file to use [env: PEAKA_PROFILE]'
            cand --config 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]'
            cand -o 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --output 'Output format [env: PEAKA_OUTPUT] [default: human]'
            cand --request-timeout 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]'
            cand --retries 'How many times to retry a request that failed transiently, 0-100 [default: 3]'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print one line per HTTP exchange on stderr'
            cand --verbose 'Print one line per HTTP exchange on stderr'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand --no-color 'Never colour the output (NO_COLOR is honoured too)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'peaka;help'= {
            cand cache 'Work with caches: list, status, history, refresh, wait, cancel'
            cand config 'Show the effective configuration'
            cand auth 'Save an API key for peaka, see where it comes from, or remove it'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'peaka;help;cache'= {
            cand list 'List the caches of a project, a catalog or a schema, with their status'
            cand status 'Show the status of a cache and its last executions'
            cand history 'Show the past executions of a cache, newest first'
            cand refresh 'Start a full refresh or an incremental sync, and optionally wait for it'
            cand wait 'Wait until an execution of a cache reaches a state; sends nothing'
            cand cancel-full-refresh 'Cancel the running full refresh of one cache or many'
            cand cancel-incremental 'Cancel the running incremental sync of one cache or many'
        }
        &'peaka;help;cache;list'= {
        }
        &'peaka;help;cache;status'= {
        }
        &'peaka;help;cache;history'= {
        }
        &'peaka;help;cache;refresh'= {
        }
        &'peaka;help;cache;wait'= {
        }
        &'peaka;help;cache;cancel-full-refresh'= {
        }
        &'peaka;help;cache;cancel-incremental'= {
        }
        &'peaka;help;config'= {
            cand show 'Every effective setting and where it came from'
            cand path 'The config file that would be read'
        }
        &'peaka;help;config;show'= {
        }
        &'peaka;help;config;path'= {
        }
        &'peaka;help;auth'= {
            cand login 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file'
            cand status 'Where the API key comes from, and whether the API accepts it'
            cand logout 'Remove the key setting from the config file, and the key file when auth login made it'
        }
        &'peaka;help;auth;login'= {
        }
        &'peaka;help;auth;status'= {
        }
        &'peaka;help;auth;logout'= {
        }
        &'peaka;help;completions'= {
        }
        &'peaka;help;help'= {
        }
    ]
    $completions[$command]
}
