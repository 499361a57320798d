using System;
using System.Runtime.InteropServices;
using System.Text;

namespace FairnessGovernor.Input
{
    /// <summary>
    /// Tells regular files from devices, FIFOs and sockets before a file is opened: opening a FIFO
    /// blocks until a writer appears, and /dev/zero never ends, so such paths must be refused, not read.
    /// </summary>
    internal static class FileKind
    {
        // POSIX file-type bits as normalised by the .NET runtime's System.Native library (pal_io.h).
        private const int TypeMask = 0xF000;
        private const int Regular = 0x8000;
        private const int Directory = 0x4000;
        private static bool _unavailable;

        /// <summary>
        /// A description of the file type when <paramref name="path"/> exists and is not a regular file
        /// or a directory ("a character device", "a FIFO (named pipe)", ...); null for regular files,
        /// directories, and when the type cannot be learnt (Windows, or an unknown runtime).
        /// </summary>
        public static string? SpecialKind(string path)
        {
            if (_unavailable || RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            int mode;
            try
            {
                var buffer = new byte[512]; // larger than the runtime's FileStatus struct; Mode is the second int32.
                var bytes = Encoding.UTF8.GetBytes(path + "\0");
                if (Stat(bytes, buffer) != 0) return null;
                mode = BitConverter.ToInt32(buffer, 4);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
            {
                _unavailable = true;
                return null;
            }
            switch (mode & TypeMask)
            {
                case Regular:
                case Directory: return null;
                case 0x1000: return "a FIFO (named pipe)";
                case 0x2000: return "a character device";
                case 0x6000: return "a block device";
                case 0xC000: return "a socket";
                default: return "not a regular file";
            }
        }

        // stat (follows symbolic links) from the runtime's own native shim, present on every .NET (Core) Unix install.
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int Stat(byte[] path, byte[] output);
    }
}
