using System.IO;
using System.Text.RegularExpressions;
using FairnessGovernor.Report;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The three reports of issue 21 rendered by a real browser (Debian's chromium-headless-shell, installed by
    /// tools/install-browser.sh when missing): each must pass the HTML checks and give a screenshot that is not blank.
    /// Screenshots are kept in artifacts/report-screenshots/ to look at.
    /// </summary>
    [Collection("browser")]
    public class ReportBrowserTests
    {
        private static string Shots
        {
            get
            {
                var dir = Path.Combine(TestPaths.RepoRoot, "artifacts", "report-screenshots");
                Directory.CreateDirectory(dir);
                return dir;
            }
        }

        private static PngImage Render(string name, string html, int height = 2000, string? extraArgs = null)
        {
            var htmlPath = Path.Combine(Shots, name + ".html");
            File.WriteAllText(htmlPath, html, new System.Text.UTF8Encoding(false));
            var png = Path.Combine(Shots, name + ".png");
            ReportBrowser.Screenshot(htmlPath, png, 1280, height, extraArgs);
            var image = PngImage.Read(png);
            Assert.Equal(1280, image.Width);
            Assert.Equal(height, image.Height);
            return image;
        }

        /// <summary>Not blank: many colours, a good share of ink, and the charts' Okabe-Ito blue and orange on a white page.</summary>
        private static void AssertDrawn(PngImage image)
        {
            Assert.True(image.DistinctColours() >= 50, "only " + image.DistinctColours() + " colours");
            double ink = image.InkShare();
            Assert.True(ink >= 0.03, "only " + ink.ToString("P1") + " of the pixels differ from the background");
            Assert.Equal(0xFFFFFF, image.Background());
            Assert.True(image.Has(0x0072B2), "no blue (#0072B2) series or bar was drawn");
        }

        [Fact]
        public void Fixture_report_renders()
        {
            var html = ReportInputs.FixtureReport().ToHtml();
            ReportTests.Check(html, ReportTests.RunSections);
            var image = Render("fixture", html);
            AssertDrawn(image);
            Assert.True(image.Has(0xE69F00), "no orange (#E69F00) series was drawn");
        }

        [Fact]
        public void Evidence_history_report_renders()
        {
            using var scratch = new ScratchFolder();
            var html = ReportInputs.HistoryReport(scratch.Path).ToHtml();
            ReportTests.Check(html, "history", "state");
            AssertDrawn(Render("history", html, 3000));
        }

        [Fact]
        public void Million_decision_report_renders()
        {
            var report = new FairnessReport("A million decisions", ReportInputs.GeneratedAt);
            report.AddRun(RunFigures.Of(ReportInputs.MillionRun()));
            var html = report.ToHtml();
            ReportTests.Check(html, ReportTests.RunSections);
            AssertDrawn(Render("million", html, 3000));
        }

        [Fact]
        public void Dark_colour_scheme_and_A4_print_are_followed()
        {
            var html = ReportInputs.FixtureReport().ToHtml();
            var dark = Render("fixture-dark", html, 1400, "--blink-settings=preferredColorScheme=0");
            Assert.Equal(0x16181B, dark.Background());
            Assert.True(dark.DistinctColours() >= 50);
            var pdf = Path.Combine(Shots, "history.pdf");
            using var scratch = new ScratchFolder();
            var htmlPath = Path.Combine(Shots, "history-print.html");
            File.WriteAllText(htmlPath, ReportInputs.HistoryReport(scratch.Path).ToHtml());
            ReportBrowser.PrintToPdf(htmlPath, pdf);
            // A4 is 595 x 842 points; every page of the print is A4.
            var boxes = Regex.Matches(File.ReadAllText(pdf, System.Text.Encoding.Latin1), @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]");
            Assert.NotEmpty(boxes);
            foreach (Match m in boxes)
            {
                Assert.InRange(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 596);
                Assert.InRange(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 843);
            }
        }
    }
}
