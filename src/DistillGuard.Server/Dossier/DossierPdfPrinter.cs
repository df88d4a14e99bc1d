using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace DistillGuard.Server.Dossier;

/// <summary>
/// Prints a dossier's HTML to PDF with headless Chromium, driven by Playwright with an explicit executable (the
/// system's Chromium, <see cref="DossierOptions.ChromiumPath"/>; Playwright's own browsers are never installed or
/// downloaded). One browser is started on first use and kept; each PDF gets a page of its own, at most
/// <see cref="DossierOptions.MaxConcurrentRenders"/> at once, each within <see cref="DossierOptions.RenderTimeout"/>.
/// </summary>
/// <remarks>
/// The page is A4 with fixed margins; Chromium's header carries the TLP marking and its footer the campaign, the content
/// hash and "page X of Y" (Chromium fills <c>pageNumber</c> and <c>totalPages</c>). The HTML has no script and no
/// external resource, so what is printed depends on the HTML and the installed fonts alone.
/// </remarks>
internal sealed partial class DossierPdfPrinter(IOptions<DossierOptions> options, ILogger<DossierPdfPrinter> logger) : IAsyncDisposable
{
    private readonly DossierOptions _options = options.Value;
    private readonly SemaphoreSlim _renders = new(options.Value.MaxConcurrentRenders, options.Value.MaxConcurrentRenders);
    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    /// <summary>Gets the Chromium executable that would be used, or null when none is found.</summary>
    public string? Chromium => _options.ResolveChromium();

    /// <summary>Prints the HTML to PDF.</summary>
    /// <param name="html">The dossier's HTML (<see cref="DossierHtml.Render"/>).</param>
    /// <param name="header">The text of every page's header (the TLP marking).</param>
    /// <param name="headerColour">Its colour (on black).</param>
    /// <param name="footer">The text of every page's footer before "page X of Y".</param>
    /// <param name="cancellationToken">Stops the wait (the request was aborted).</param>
    /// <returns>The PDF's bytes.</returns>
    /// <exception cref="DossierPdfUnavailableException">No Chromium, it would not start, or the render took longer than the timeout.</exception>
    public async Task<byte[]> PrintAsync(string html, string header, string headerColour, string footer, CancellationToken cancellationToken)
    {
        var chromium = Chromium ?? throw new DossierPdfUnavailableException(Missing());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RenderTimeout);
        var waited = false;
        try
        {
            await _renders.WaitAsync(timeout.Token).ConfigureAwait(false);
            waited = true;
            var browser = await BrowserAsync(chromium, timeout.Token).ConfigureAwait(false);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Offline = true, Locale = "en-GB", TimezoneId = "UTC" }).WaitAsync(timeout.Token).ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                var page = await context.NewPageAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
                var milliseconds = (float)_options.RenderTimeout.TotalMilliseconds;
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = milliseconds }).WaitAsync(timeout.Token).ConfigureAwait(false);
                return await page.PdfAsync(new PagePdfOptions
                {
                    Format = "A4",
                    PrintBackground = true,
                    DisplayHeaderFooter = true,
                    HeaderTemplate = Header(header, headerColour),
                    FooterTemplate = Footer(footer),
                    Margin = new Margin { Top = "20mm", Bottom = "20mm", Left = "14mm", Right = "14mm" },
                    Outline = true,
                    Tagged = true,
                }).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DossierPdfUnavailableException(string.Create(CultureInfo.InvariantCulture, $"printing the PDF took longer than Dossier:RenderTimeout ({_options.RenderTimeout}); the HTML dossier (format=html) is available"));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            LogPrintFailed(logger, ex, chromium);
            await ResetAsync().ConfigureAwait(false);
            throw new DossierPdfUnavailableException($"Chromium at {chromium} could not print the PDF ({FirstLine(ex.Message)}); the HTML dossier (format=html) is available", ex);
        }
        finally
        {
            if (waited)
            {
                _renders.Release();
            }
        }
    }

    /// <summary>The message when no Chromium is found.</summary>
    internal string Missing() => _options.ChromiumPath is { Length: > 0 } configured
        ? $"PDF dossiers need Chromium, and Dossier:ChromiumPath ({configured}) does not exist; install Debian's chromium or correct the path. The HTML dossier (format=html) works without it"
        : $"PDF dossiers need Chromium, and none was found at {string.Join(", ", DossierOptions.ChromiumCandidates)}; install Debian's chromium (apt-get install chromium) or set DistillGuard:Dossier:ChromiumPath. The HTML dossier (format=html) works without it";

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await ResetAsync().ConfigureAwait(false);
        _renders.Dispose();
        _launch.Dispose();
    }

    private async Task<IBrowser> BrowserAsync(string chromium, CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _launch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            _playwright ??= await Playwright.CreateAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Timeout = (float)_options.RenderTimeout.TotalMilliseconds,

                // No GPU, no first-run work, no network: the page has nothing to fetch.
                Args = ["--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage", "--font-render-hinting=none"],
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
            LogLaunched(logger, chromium, _browser.Version);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task ResetAsync()
    {
        var browser = Interlocked.Exchange(ref _browser, null);
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException)
            {
                // Already gone.
            }
        }

        if (_disposed)
        {
            Interlocked.Exchange(ref _playwright, null)?.Dispose();
        }
    }

    private static string Header(string text, string colour) =>
        "<div style=\"width:100%;font-size:8pt;font-family:'DejaVu Sans',sans-serif;padding:0 14mm;text-align:right;-webkit-print-color-adjust:exact\">"
        + $"<span style=\"background:#000;color:{colour};font-weight:bold;padding:1pt 4pt\">{DossierHtml.E(text)}</span></div>";

    private static string Footer(string text) =>
        "<div style=\"width:100%;font-size:6.5pt;font-family:'DejaVu Sans Mono',monospace;padding:0 14mm;display:flex;justify-content:space-between\">"
        + $"<span>{DossierHtml.E(text)}</span><span>page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }

    [LoggerMessage(1, LogLevel.Information, "Started Chromium {Path} (version {Version}) to print dossiers")]
    private static partial void LogLaunched(ILogger logger, string path, string version);

    [LoggerMessage(2, LogLevel.Warning, "Chromium {Path} could not print a dossier")]
    private static partial void LogPrintFailed(ILogger logger, Exception exception, string path);
}
