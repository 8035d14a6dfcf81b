# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_peaka_global_optspecs
    string join \n api-key= api-key-file= zone= base-url= ca-cert= profile= config= o/output= q/quiet v/verbose dry-run no-color request-timeout= retries= h/help V/version
end

function __fish_peaka_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_peaka_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_peaka_using_subcommand
    set -l cmd (__fish_peaka_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c peaka -n "__fish_peaka_needs_command" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_needs_command" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_needs_command" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_needs_command" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_needs_command" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_needs_command" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_needs_command" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_needs_command" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_needs_command" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_needs_command" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_needs_command" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_needs_command" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_needs_command" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_needs_command" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_needs_command" -f -a "cache" -d 'Work with caches: list, status, history, refresh, wait, cancel'
complete -c peaka -n "__fish_peaka_needs_command" -f -a "config" -d 'Show the effective configuration'
complete -c peaka -n "__fish_peaka_needs_command" -f -a "auth" -d 'Save an API key for peaka, see where it comes from, or remove it'
complete -c peaka -n "__fish_peaka_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c peaka -n "__fish_peaka_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "list" -d 'List the caches of a project, a catalog or a schema, with their status'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "status" -d 'Show the status of a cache and its last executions'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "history" -d 'Show the past executions of a cache, newest first'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "refresh" -d 'Start a full refresh or an incremental sync, and optionally wait for it'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "wait" -d 'Wait until an execution of a cache reaches a state; sends nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "cancel-full-refresh" -d 'Cancel the running full refresh of one cache or many'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "cancel-incremental" -d 'Cancel the running incremental sync of one cache or many'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and not __fish_seen_subcommand_from list status history refresh wait cancel-full-refresh cancel-incremental help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l catalog -d 'Only the caches of this catalog' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l schema -d 'Only the caches of this schema of the catalog' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l status -d 'Only caches in this status: RUNNING, CANCELLING, COMPLETED, FAILED, CANCELLED, DELETED or NOT_INITIALIZED, or full:RUNNING / incremental:RUNNING for one kind of execution; repeat for any of them' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l wide -d 'On a terminal, every column in full: the catalog too, whole IDs, nothing cut'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s c -l cache -d 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l logs -d 'Include the cache\'s action logs'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s c -l cache -d 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l limit -d 'How many executions to show, 1-1000 [default: 10]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l offset -d 'How many of the newest executions to skip [default: 0]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l all -d 'Every execution the API keeps, page after page'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l wide -d 'On a terminal, every column in full: whole IDs and times, nothing cut'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s c -l cache -d 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l timeout -d 'Time limit for each cache\'s whole run, every request and retry included, e.g. 10m [default: 10m]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l interval -d 'Longest pause between status reads, at least 200ms [default: 5s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l full -d 'Start a full refresh (drop and rebuild)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l incremental -d 'Start an incremental sync'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l wait -d 'Follow the new execution until it finishes'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from refresh" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s c -l cache -d 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l for -d 'The state to wait for' -r -f -a "cancelled\t'CANCELLED (COMPLETED or FAILED first is exit 8)'
completed\t'COMPLETED (FAILED or CANCELLED first is exit 8)'
finished\t'Any final state'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l kind -d 'Which execution: the last full refresh or the last incremental sync [default: full]; with --execution, where to look (both by default)' -r -f -a "full\t''
incremental\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l execution -d 'Wait for this execution (e.g. `.execution.id` of `cache refresh -o json`), looked up among both kinds\' last executions, then in the history; never found is exit 5' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l timeout -d 'Time limit for each cache\'s whole run, every request and retry included, e.g. 10m [default: 10m]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l interval -d 'Longest pause between status reads, at least 200ms [default: 5s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s c -l cache -d 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l catalog -d 'Only the caches of this catalog' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l schema -d 'Only the caches of this schema of the catalog' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l concurrency -d 'How many caches are worked on at once, 1-64 [default: 8]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l timeout -d 'Time limit for each cache\'s whole run, every request and retry included, e.g. 10m [default: 10m]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l interval -d 'Longest pause between status reads, at least 200ms [default: 5s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l all-running -d 'Every cache of the project (or of --catalog/--schema) whose execution of this kind is RUNNING'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s y -l yes -d 'Do not ask before cancelling with --all-running'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l if-running -d 'Succeed (exit 0) when nothing is running'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l wait -d 'Wait until the execution is really cancelled, or ends otherwise'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-full-refresh" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s c -l cache -d 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l catalog -d 'Only the caches of this catalog' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l schema -d 'Only the caches of this schema of the catalog' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l concurrency -d 'How many caches are worked on at once, 1-64 [default: 8]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l timeout -d 'Time limit for each cache\'s whole run, every request and retry included, e.g. 10m [default: 10m]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l interval -d 'Longest pause between status reads, at least 200ms [default: 5s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l all-running -d 'Every cache of the project (or of --catalog/--schema) whose execution of this kind is RUNNING'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s y -l yes -d 'Do not ask before cancelling with --all-running'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l if-running -d 'Succeed (exit 0) when nothing is running'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l wait -d 'Wait until the execution is really cancelled, or ends otherwise'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from cancel-incremental" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the caches of a project, a catalog or a schema, with their status'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the status of a cache and its last executions'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the past executions of a cache, newest first'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "refresh" -d 'Start a full refresh or an incremental sync, and optionally wait for it'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until an execution of a cache reaches a state; sends nothing'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "cancel-full-refresh" -d 'Cancel the running full refresh of one cache or many'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "cancel-incremental" -d 'Cancel the running incremental sync of one cache or many'
complete -c peaka -n "__fish_peaka_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "show" -d 'Every effective setting and where it came from'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "path" -d 'The config file that would be read'
complete -c peaka -n "__fish_peaka_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every effective setting and where it came from'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'The config file that would be read'
complete -c peaka -n "__fish_peaka_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "login" -d 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "status" -d 'Where the API key comes from, and whether the API accepts it'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "logout" -d 'Remove the key setting from the config file, and the key file when auth login made it'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and not __fish_seen_subcommand_from login status logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -s p -l project -d 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Where the API key comes from, and whether the API accepts it'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the key setting from the config file, and the key file when auth login made it'
complete -c peaka -n "__fish_peaka_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l api-key -d 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l api-key-file -d 'Read the API key from a file (`-` reads standard input)' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l zone -d 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]' -r -f -a "us\t''
eu\t''"
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l base-url -d 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l ca-cert -d 'Also trust the CA certificates in this PEM file, e.g. a company\'s TLS-inspecting proxy [env: PEAKA_CA_CERT]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l profile -d 'Profile of the config file to use [env: PEAKA_PROFILE]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l config -d 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]' -r -F
complete -c peaka -n "__fish_peaka_using_subcommand completions" -s o -l output -d 'Output format [env: PEAKA_OUTPUT] [default: human]' -r -f -a "human\t''
json\t''
ndjson\t'One JSON object per line: events while waiting, then the result'"
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l request-timeout -d 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]' -r -f
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l retries -d 'How many times to retry a request that failed transiently, 0-100 [default: 3]' -r
complete -c peaka -n "__fish_peaka_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c peaka -n "__fish_peaka_using_subcommand completions" -s v -l verbose -d 'Print one line per HTTP exchange on stderr'
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l dry-run -d 'Print the request that would be sent, and send nothing'
complete -c peaka -n "__fish_peaka_using_subcommand completions" -l no-color -d 'Never colour the output (NO_COLOR is honoured too)'
complete -c peaka -n "__fish_peaka_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c peaka -n "__fish_peaka_using_subcommand completions" -s V -l version -d 'Print version'
complete -c peaka -n "__fish_peaka_using_subcommand help; and not __fish_seen_subcommand_from cache config auth completions help" -f -a "cache" -d 'Work with caches: list, status, history, refresh, wait, cancel'
complete -c peaka -n "__fish_peaka_using_subcommand help; and not __fish_seen_subcommand_from cache config auth completions help" -f -a "config" -d 'Show the effective configuration'
complete -c peaka -n "__fish_peaka_using_subcommand help; and not __fish_seen_subcommand_from cache config auth completions help" -f -a "auth" -d 'Save an API key for peaka, see where it comes from, or remove it'
complete -c peaka -n "__fish_peaka_using_subcommand help; and not __fish_seen_subcommand_from cache config auth completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c peaka -n "__fish_peaka_using_subcommand help; and not __fish_seen_subcommand_from cache config auth completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "list" -d 'List the caches of a project, a catalog or a schema, with their status'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "status" -d 'Show the status of a cache and its last executions'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "history" -d 'Show the past executions of a cache, newest first'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "refresh" -d 'Start a full refresh or an incremental sync, and optionally wait for it'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "wait" -d 'Wait until an execution of a cache reaches a state; sends nothing'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "cancel-full-refresh" -d 'Cancel the running full refresh of one cache or many'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "cancel-incremental" -d 'Cancel the running incremental sync of one cache or many'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Every effective setting and where it came from'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'The config file that would be read'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Where the API key comes from, and whether the API accepts it'
complete -c peaka -n "__fish_peaka_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the key setting from the config file, and the key file when auth login made it'
