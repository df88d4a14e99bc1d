using System.IO.Compression;
using System.Text;

namespace DistillGuard.Ingest.Tests;

/// <summary>A directory for a test's files, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("dg-ingest-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public string File(string name, byte[] content)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public static byte[] Gzip(string content) => Gzip(Encoding.UTF8.GetBytes(content));

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
