
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'peaka' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'peaka'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'peaka' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Work with caches: list, status, history, refresh, wait, cancel')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Save an API key for peaka, see where it comes from, or remove it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;cache' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the caches of a project, a catalog or a schema, with their status')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the status of a cache and its last executions')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the past executions of a cache, newest first')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Start a full refresh or an incremental sync, and optionally wait for it')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until an execution of a cache reaches a state; sends nothing')
            [CompletionResult]::new('cancel-full-refresh', 'cancel-full-refresh', [CompletionResultType]::ParameterValue, 'Cancel the running full refresh of one cache or many')
            [CompletionResult]::new('cancel-incremental', 'cancel-incremental', [CompletionResultType]::ParameterValue, 'Cancel the running incremental sync of one cache or many')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;cache;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Only the caches of this catalog')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Only the caches of this schema of the catalog')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only caches in this status: RUNNING, CANCELLING, COMPLETED, FAILED, CANCELLED, DELETED or NOT_INITIALIZED, or full:RUNNING / incremental:RUNNING for one kind of execution; repeat for any of them')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, every column in full: the catalog too, whole IDs, nothing cut')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('--logs', '--logs', [CompletionResultType]::ParameterName, 'Include the cache''s action logs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;history' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many executions to show, 1-1000 [default: 10]')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'How many of the newest executions to skip [default: 0]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every execution the API keeps, page after page')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'On a terminal, every column in full: whole IDs and times, nothing cut')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;refresh' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Longest pause between status reads, at least 200ms [default: 5s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Start a full refresh (drop and rebuild)')
            [CompletionResult]::new('--incremental', '--incremental', [CompletionResultType]::ParameterName, 'Start an incremental sync')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the new execution until it finishes')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;wait' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'The state to wait for')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which execution: the last full refresh or the last incremental sync [default: full]; with --execution, where to look (both by default)')
            [CompletionResult]::new('--execution', '--execution', [CompletionResultType]::ParameterName, 'Wait for this execution (e.g. `.execution.id` of `cache refresh -o json`), looked up among both kinds'' last executions, then in the history; never found is exit 5')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Longest pause between status reads, at least 200ms [default: 5s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;cancel-full-refresh' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Only the caches of this catalog')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Only the caches of this schema of the catalog')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many caches are worked on at once, 1-64 [default: 8]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Longest pause between status reads, at least 200ms [default: 5s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('--all-running', '--all-running', [CompletionResultType]::ParameterName, 'Every cache of the project (or of --catalog/--schema) whose execution of this kind is RUNNING')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before cancelling with --all-running')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before cancelling with --all-running')
            [CompletionResult]::new('--if-running', '--if-running', [CompletionResultType]::ParameterName, 'Succeed (exit 0) when nothing is running')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the execution is really cancelled, or ends otherwise')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;cancel-incremental' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line')
            [CompletionResult]::new('--cache', '--cache', [CompletionResultType]::ParameterName, 'Cache: its ID, a unique start of its ID (8 or more hex digits), or its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for several, or `-` to read them from standard input, one a line')
            [CompletionResult]::new('--catalog', '--catalog', [CompletionResultType]::ParameterName, 'Only the caches of this catalog')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Only the caches of this schema of the catalog')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'How many caches are worked on at once, 1-64 [default: 8]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for each cache''s whole run, every request and retry included, e.g. 10m [default: 10m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Longest pause between status reads, at least 200ms [default: 5s]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('--all-running', '--all-running', [CompletionResultType]::ParameterName, 'Every cache of the project (or of --catalog/--schema) whose execution of this kind is RUNNING')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before cancelling with --all-running')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before cancelling with --all-running')
            [CompletionResult]::new('--if-running', '--if-running', [CompletionResultType]::ParameterName, 'Succeed (exit 0) when nothing is running')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the execution is really cancelled, or ends otherwise')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;cache;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the caches of a project, a catalog or a schema, with their status')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the status of a cache and its last executions')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the past executions of a cache, newest first')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Start a full refresh or an incremental sync, and optionally wait for it')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until an execution of a cache reaches a state; sends nothing')
            [CompletionResult]::new('cancel-full-refresh', 'cancel-full-refresh', [CompletionResultType]::ParameterValue, 'Cancel the running full refresh of one cache or many')
            [CompletionResult]::new('cancel-incremental', 'cancel-incremental', [CompletionResultType]::ParameterValue, 'Cancel the running incremental sync of one cache or many')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;cache;help;list' {
            break
        }
        'peaka;cache;help;status' {
            break
        }
        'peaka;cache;help;history' {
            break
        }
        'peaka;cache;help;refresh' {
            break
        }
        'peaka;cache;help;wait' {
            break
        }
        'peaka;cache;help;cancel-full-refresh' {
            break
        }
        'peaka;cache;help;cancel-incremental' {
            break
        }
        'peaka;cache;help;help' {
            break
        }
        'peaka;config' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every effective setting and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file that would be read')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;config;show' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;config;path' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every effective setting and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file that would be read')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;config;help;show' {
            break
        }
        'peaka;config;help;path' {
            break
        }
        'peaka;config;help;help' {
            break
        }
        'peaka;auth' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where the API key comes from, and whether the API accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the key setting from the config file, and the key file when auth login made it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;auth;login' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;auth;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;auth;logout' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where the API key comes from, and whether the API accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the key setting from the config file, and the key file when auth login made it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;auth;help;login' {
            break
        }
        'peaka;auth;help;status' {
            break
        }
        'peaka;auth;help;logout' {
            break
        }
        'peaka;auth;help;help' {
            break
        }
        'peaka;completions' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key [env: PEAKA_API_KEY]. Visible to other local users in the process list: prefer PEAKA_API_KEY or --api-key-file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from a file (`-` reads standard input)')
            [CompletionResult]::new('--zone', '--zone', [CompletionResultType]::ParameterName, 'Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL, overriding the zone (https, or http to a loopback host) [env: PEAKA_BASE_URL]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, e.g. a company''s TLS-inspecting proxy [env: PEAKA_CA_CERT]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use [env: PEAKA_PROFILE]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: PEAKA_OUTPUT] [default: human]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, from connect to the last byte, e.g. 30s [default: 30s]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a request that failed transiently, 0-100 [default: 3]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print one line per HTTP exchange on stderr')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request that would be sent, and send nothing')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour the output (NO_COLOR is honoured too)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'peaka;help' {
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Work with caches: list, status, history, refresh, wait, cancel')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Save an API key for peaka, see where it comes from, or remove it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'peaka;help;cache' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the caches of a project, a catalog or a schema, with their status')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the status of a cache and its last executions')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the past executions of a cache, newest first')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Start a full refresh or an incremental sync, and optionally wait for it')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until an execution of a cache reaches a state; sends nothing')
            [CompletionResult]::new('cancel-full-refresh', 'cancel-full-refresh', [CompletionResultType]::ParameterValue, 'Cancel the running full refresh of one cache or many')
            [CompletionResult]::new('cancel-incremental', 'cancel-incremental', [CompletionResultType]::ParameterValue, 'Cancel the running incremental sync of one cache or many')
            break
        }
        'peaka;help;cache;list' {
            break
        }
        'peaka;help;cache;status' {
            break
        }
        'peaka;help;cache;history' {
            break
        }
        'peaka;help;cache;refresh' {
            break
        }
        'peaka;help;cache;wait' {
            break
        }
        'peaka;help;cache;cancel-full-refresh' {
            break
        }
        'peaka;help;cache;cancel-incremental' {
            break
        }
        'peaka;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every effective setting and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'The config file that would be read')
            break
        }
        'peaka;help;config;show' {
            break
        }
        'peaka;help;config;path' {
            break
        }
        'peaka;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save an API key: read without echo on a terminal (or from standard input), checked against the API when a project is configured, kept in a file readable only by you, named in the config file')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Where the API key comes from, and whether the API accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the key setting from the config file, and the key file when auth login made it')
            break
        }
        'peaka;help;auth;login' {
            break
        }
        'peaka;help;auth;status' {
            break
        }
        'peaka;help;auth;logout' {
            break
        }
        'peaka;help;completions' {
            break
        }
        'peaka;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
