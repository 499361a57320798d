# Descriptions of parameters several cmdlets share (the input limits of InputLimitsCmdlet).
# A cmdlet's own file overrides an entry here. Regenerate help: see docs/design/cmdlets.md.
@{
    Parameters = @{
        MaxInputBytes = 'The largest input file read, in bytes (default 536870912, 512 MiB). A larger file is refused with InputTooLarge before it is read.'
        MaxDepth = 'The deepest nesting of arrays and objects accepted in an input file (default 64, from 1 to 1000). Deeper input is refused with InputTooDeep.'
        MaxAliasExpansion = 'The most nodes YAML aliases may add in total (default 100000). More is refused with AliasExpansionLimit, which stops alias bombs.'
    }
}
