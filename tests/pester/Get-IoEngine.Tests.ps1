BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-IoEngine' {
    It 'lists every engine and variant with whether it runs here' {
        $engines = Get-IoEngine
        $engines | Should -Not -BeNullOrEmpty
        $engines | ForEach-Object { $_ | Should -BeOfType ([AsyncIoTools.Engines.Contract.EngineVariantInfo]) }
        ($engines | Where-Object Engine -eq 'epoll').Variant | Should -Contain 'edge'
        $engines | Where-Object { -not $_.Available } | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty }
    }

    It 'filters by name with wildcards and by availability' {
        (Get-IoEngine -Name 'ep*').Engine | Sort-Object -Unique | Should -Be 'epoll'
        Get-IoEngine -Available | ForEach-Object { $_.Available | Should -BeTrue }
    }

    It 'takes names from the pipeline' {
        ('epoll', 'poll' | Get-IoEngine).Engine | Sort-Object -Unique | Should -Be @('epoll', 'poll')
    }

    It 'formats as a table' {
        (Get-IoEngine | Out-String) | Should -Match 'Engine\s+Variant'
    }
}
